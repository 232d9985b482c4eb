namespace Lens.Dashboard.Features.Demo;

/// <summary>Faults injected into the demo candidate, to show automatic rollback. Zero (and no cap) means healthy.</summary>
public sealed class DemoFaults
{
    /// <summary>The most results the demo search returns for one query.</summary>
    public const int MaxResultsPerAnswer = 10;

    private volatile Snapshot _current = new(0, 0, false);

    public Snapshot Current => _current;

    public void Set(double errorRate, double addedLatencyMs, bool zeroResults = false, int? maxResults = null) =>
        _current = new Snapshot(errorRate, addedLatencyMs, zeroResults, maxResults);

    /// <summary>
    /// ZeroResults empties every answer of the demo search endpoint, baseline too: the outage sentinel probes exist for.
    /// MaxResults caps how many results the candidate returns per query (null: no cap), which moves its results per query
    /// away from the baseline's: what the results-per-query gate catches.
    /// </summary>
    public sealed record Snapshot(double ErrorRate, double AddedLatencyMs, bool ZeroResults, int? MaxResults = null)
    {
        public bool Any => ErrorRate > 0 || AddedLatencyMs > 0 || ZeroResults || MaxResults is not null;
    }
}
