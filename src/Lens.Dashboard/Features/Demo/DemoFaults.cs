namespace Lens.Dashboard.Features.Demo;

/// <summary>Faults injected into the demo candidate, to show automatic rollback. Zero means healthy.</summary>
public sealed class DemoFaults
{
    private volatile Snapshot _current = new(0, 0, false);

    public Snapshot Current => _current;

    public void Set(double errorRate, double addedLatencyMs, bool zeroResults = false) => _current = new Snapshot(errorRate, addedLatencyMs, zeroResults);

    /// <summary>ZeroResults empties every answer of the demo search endpoint, baseline too: the outage sentinel probes exist for.</summary>
    public sealed record Snapshot(double ErrorRate, double AddedLatencyMs, bool ZeroResults)
    {
        public bool Any => ErrorRate > 0 || AddedLatencyMs > 0 || ZeroResults;
    }
}
