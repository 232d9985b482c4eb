using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>Everything the rollout page shows, loaded in one short-lived context.</summary>
public sealed record RolloutDetail(
    Rollout Rollout,
    WindowMetrics Window,
    IReadOnlyList<MetricPoint> Series,
    IReadOnlyList<AuditEntry> Timeline,
    AuditEntry? LastAutomaticAction,
    bool KillSwitchActive,
    decimal ServedPercent,
    DateTimeOffset Now)
{
    public const int MaxChartPoints = 120;

    public static async Task<RolloutDetail?> LoadAsync(Guid id, IDbContextFactory<LensDbContext> dbFactory, LiveMetrics metrics,
        FlagDirectory flags, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollout = await db.Rollouts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rollout is null) return null;
        var timeline = await db.AuditEntries.AsNoTracking().Where(a => a.RolloutId == id).OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        var lastAutomatic = timeline.FirstOrDefault(a => a.Actor == Rollout.EngineActor);
        var since = rollout.CreatedAt - TimeSpan.FromSeconds(MetricsClock.BucketSeconds);
        var until = rollout.IsTerminal ? rollout.UpdatedAt + TimeSpan.FromSeconds(MetricsClock.BucketSeconds) : DateTimeOffset.MaxValue;
        var series = metrics.For(rollout.Flag).Series(since).Where(p => p.At <= until).ToList();
        var killSwitch = flags.KillSwitchActive;
        return new RolloutDetail(rollout, RolloutsApi.WindowFor(rollout, metrics), Downsample(series), timeline, lastAutomatic,
            killSwitch, killSwitch ? 0m : rollout.CurrentPercent, clock.GetUtcNow());
    }

    /// <summary>Merges runs of points: request counts add, error counts add, latency percentiles keep the worst.</summary>
    public static IReadOnlyList<MetricPoint> Downsample(IReadOnlyList<MetricPoint> points) =>
        Downsampler.Reduce(points, MaxChartPoints, run => new MetricPoint(run[0].At, Merge(run.Select(p => p.Baseline)), Merge(run.Select(p => p.Candidate))));

    private static VariantMetrics Merge(IEnumerable<VariantMetrics> run)
    {
        var list = run.ToList();
        return new VariantMetrics(list.Sum(m => m.Requests), list.Sum(m => m.Errors),
            list.Max(m => m.P50Ms), list.Max(m => m.P95Ms), list.Max(m => m.P99Ms));
    }
}
