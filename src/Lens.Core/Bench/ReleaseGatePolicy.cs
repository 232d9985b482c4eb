namespace Lens.Core.Bench;

/// <summary>
/// The thresholds a release must meet on its bench. Defaults: nDCG@10 and Recall@50 no worse than baseline, p95
/// latency at most 10% above baseline, p99 at most twice p95, and every result carrying a valid span.
/// </summary>
public sealed record ReleaseGatePolicy(
    double MinNdcgDelta = 0,
    double MinRecallDelta = 0,
    double MaxP95Increase = 0.10,
    double MaxTailRatio = 2.0,
    double MinSpanCoverage = 1.0)
{
    public static ReleaseGatePolicy Default { get; } = new();
}
