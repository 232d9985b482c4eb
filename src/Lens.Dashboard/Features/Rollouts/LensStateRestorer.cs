using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// Rebuilds what lives in memory from what was saved, before the app serves: kill switches, flag states,
/// and each running stage's window from the stored metric buckets. After a crash, evaluation resumes
/// on the same evidence it had. A window rebuilt this way starts at the bucket holding the stage start
/// (at most MetricsClock.BucketSeconds early). Gauges are replayed into the stage window only: charts do not draw them.
/// </summary>
public static class LensStateRestorer
{
    public static readonly TimeSpan ChartHistory = TimeSpan.FromHours(6);

    public static async Task RestoreLensStateAsync(this WebApplication app)
    {
        var services = app.Services;
        var factory = services.GetRequiredService<IDbContextFactory<LensDbContext>>();
        var directory = services.GetRequiredService<FlagDirectory>();
        var metrics = services.GetRequiredService<LiveMetrics>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await factory.CreateDbContextAsync();

        foreach (var killSwitch in await db.KillSwitches.AsNoTracking().ToListAsync())
            directory.SetKillSwitch(killSwitch.Name, killSwitch.Active);
        foreach (var flag in await db.Flags.AsNoTracking().ToListAsync())
            directory.Set(flag.ToState(directory.KillSwitchActive));

        var running = await db.Rollouts.AsNoTracking().Where(r => r.State == RolloutState.Running).ToListAsync();
        var stageByFlag = running.ToDictionary(r => r.Flag, r => RolloutEngine.StageOf(r));
        var chartFrom = MetricsClock.BucketOf(now - ChartHistory);
        foreach (var flag in directory.All().Select(f => f.Key))
        {
            var stage = stageByFlag.GetValueOrDefault(flag);
            var flagMetrics = metrics.For(flag);
            flagMetrics.SetStage(stage);
            var stageFrom = stage is null ? long.MaxValue : MetricsClock.BucketOf(stage.StartedAt);
            var from = Math.Min(chartFrom, stageFrom);
            var buckets = db.MetricBuckets.AsNoTracking().Where(b => b.Flag == flag && b.BucketStart >= from).OrderBy(b => b.BucketStart).AsAsyncEnumerable();
            await foreach (var b in buckets)
                flagMetrics.Replay((Variant)b.Variant, b.BucketStart, b.Requests, b.Errors, b.Histogram, b.ResultSamples, b.TotalResults, b.TotalResultSquares,
                    countsTowardStage: b.BucketStart >= stageFrom);
            if (stage is null) continue;
            var gauges = db.GaugeBuckets.AsNoTracking().Where(g => g.Flag == flag && g.BucketStart >= stageFrom).AsAsyncEnumerable();
            await foreach (var g in gauges)
                flagMetrics.ReplayGauge((Variant)g.Variant, g.Name, g.Samples, g.Sum, g.Min, g.Max);
        }
    }
}
