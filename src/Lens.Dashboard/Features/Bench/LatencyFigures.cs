using Lens.Core.Statistics;

namespace Lens.Dashboard.Features.Bench;

/// <summary>One side's latency (nearest-rank percentiles over answered requests), span coverage and errors.</summary>
public sealed record LatencyFigures(int Requests, double? P50Ms, double? P95Ms, double? P99Ms, double? SpanCoverage, int Errors, IReadOnlyList<string> ErrorSamples)
{
    public double? TailRatio => P95Ms is > 0 && P99Ms is { } p99 ? p99 / P95Ms : null;

    public static LatencyFigures From(LiveRun run) => new(
        run.LatenciesMs.Count + run.Errors,
        Percentile.NearestRank(run.LatenciesMs, 50),
        Percentile.NearestRank(run.LatenciesMs, 95),
        Percentile.NearestRank(run.LatenciesMs, 99),
        run.SpanCoverage,
        run.Errors,
        run.ErrorSamples);
}
