using Lens.Core.Comparison;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// Builds the comparison of a rollout's two sides from its live stage window (latency percentiles, error rate, results
/// per query) and today's impressions of its flag (click-through): the page, the API and the report all read this.
/// </summary>
public sealed class RolloutComparisons(IDbContextFactory<LensDbContext> dbFactory, LiveMetrics metrics, TimeProvider clock, IOptions<JudgeOptions> options)
{
    public async Task<RolloutComparison?> ForAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollout = await db.Rollouts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rollout is null) return null;
        // Only the rollout whose stage is live has a window; any other compares nothing.
        var flagMetrics = metrics.For(rollout.Flag);
        var live = flagMetrics.ActiveStage?.RolloutId == rollout.Id;
        var window = live ? flagMetrics.StageWindow() : Lens.Core.Metrics.WindowMetrics.Empty;
        var (baselineLatency, candidateLatency) = live ? flagMetrics.StageHistograms() : (new Lens.Core.Metrics.LatencyHistogram(), new Lens.Core.Metrics.LatencyHistogram());
        var (b, c) = (window.Baseline, window.Candidate);
        var o = options.Value;
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var impressions = await db.ImpressionAggregates.AsNoTracking()
            .Where(a => a.Flag == rollout.Flag && a.Day == day && (a.Variant == ImpressionStore.Baseline || a.Release == rollout.ReleaseVersion))
            .GroupBy(a => a.Variant).Select(g => new { Variant = g.Key, Impressions = g.Sum(a => a.Impressions), Clicks = g.Sum(a => a.Clicks) })
            .ToListAsync(ct);
        var bi = impressions.FirstOrDefault(i => i.Variant == ImpressionStore.Baseline);
        var ci = impressions.FirstOrDefault(i => i.Variant == ImpressionStore.Candidate);

        var list = new List<MetricComparison>
        {
            VariantComparer.Percentile("p50 latency", b.Requests, b.P50Ms, b.P50LowMs, b.P50HighMs, c.Requests, c.P50Ms, c.P50LowMs, c.P50HighMs, o.MinimumLatencyIncrease),
            VariantComparer.Percentile("p95 latency", b.Requests, b.P95Ms, b.P95LowMs, b.P95HighMs, c.Requests, c.P95Ms, c.P95LowMs, c.P95HighMs, o.MinimumLatencyIncrease),
            VariantComparer.Percentile("p99 latency", b.Requests, b.P99Ms, b.P99LowMs, b.P99HighMs, c.Requests, c.P99Ms, c.P99LowMs, c.P99HighMs, o.MinimumLatencyIncrease),
            VariantComparer.LatencyShift(baselineLatency, candidateLatency, o.MinimumLatencyIncrease),
            VariantComparer.Rate("error rate", lowerIsBetter: true, b.Errors, b.Requests, c.Errors, c.Requests, o.MinimumErrorRateIncrease),
            VariantComparer.ResultsPerQuery("results per query", b, c, rollout.State == RolloutState.Running ? rollout.CurrentStage.Gates.TargetResultsPerQuery : null),
            VariantComparer.Rate("click-through (today)", lowerIsBetter: false, bi?.Clicks ?? 0, bi?.Impressions ?? 0, ci?.Clicks ?? 0, ci?.Impressions ?? 0, o.MinimumClickThroughChange),
        };
        var sampleRatio = rollout.State == RolloutState.Running ? SampleRatioCheck.Judge(b.Requests, c.Requests, rollout.CurrentPercent) : null;
        return new RolloutComparison(rollout.Id, rollout.Flag, rollout.ReleaseVersion, rollout.StageIndex, rollout.CurrentPercent, rollout.State.ToString(),
            list, sampleRatio, RolloutComparison.Sentence(list, sampleRatio), clock.GetUtcNow());
    }
}
