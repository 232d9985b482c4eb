namespace Lens.Core.Sentinel;

/// <summary>One sentinel query sent once: what came back, how fast, and whether the results carried valid spans.</summary>
public sealed class ProbeRun
{
    private ProbeRun() { }

    public long Id { get; private set; }
    public Guid Round { get; private set; }
    public string Probe { get; private set; } = "";
    public string Query { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public ProbeOutcome Outcome { get; private set; }
    public int ResultCount { get; private set; }
    public double LatencyMs { get; private set; }
    /// <summary>Share of results with a file and a line of 1 or more; null when there were no results.</summary>
    public double? SpanCoverage { get; private set; }
    /// <summary>Whether the first result was the probe's expected anchor file; null when the probe names none.</summary>
    public bool? AnchorHit { get; private set; }
    public string? Error { get; private set; }

    public bool Passed => Outcome == ProbeOutcome.Pass;

    public static ProbeRun Record(Guid round, string probe, string query, DateTimeOffset at, ProbeOutcome outcome, int resultCount,
        double latencyMs, double? spanCoverage, bool? anchorHit, string? error) => new()
    {
        Round = round,
        Probe = probe,
        Query = query,
        At = at,
        Outcome = outcome,
        ResultCount = resultCount,
        LatencyMs = latencyMs,
        SpanCoverage = spanCoverage,
        AnchorHit = anchorHit,
        Error = error,
    };
}
