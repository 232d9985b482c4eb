using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Ui.Charts;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>Everything the rollout page shows, loaded in one short-lived context: its read model.</summary>
public sealed record RolloutDetail(
    Rollout Rollout,
    WindowMetrics Window,
    IReadOnlyList<ChartSpec> Charts,
    IReadOnlyList<AuditEntry> Timeline,
    AuditEntry? LastAutomaticAction,
    IReadOnlyCollection<string> ActiveKillSwitches,
    decimal ServedPercent,
    SampleRatioResult? SampleRatio,
    DateTimeOffset Now)
{
    public bool KillSwitchActive => ActiveKillSwitches.Count > 0;

    public static async Task<RolloutDetail?> LoadAsync(Guid id, IDbContextFactory<LensDbContext> dbFactory, LiveMetrics metrics,
        FlagDirectory flags, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollout = await db.Rollouts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rollout is null) return null;
        var now = clock.GetUtcNow();
        var end = rollout.IsTerminal ? rollout.UpdatedAt : now;
        var timeline = await db.AuditEntries.AsNoTracking().Where(a => a.RolloutId == id).OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        var switches = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Subject.StartsWith("killswitch:") && a.At >= rollout.CreatedAt && a.At <= end)
            .OrderBy(a => a.Id).Take(100).ToListAsync(ct);
        var lastAutomatic = timeline.FirstOrDefault(a => a.Actor == Rollout.EngineActor);
        var series = RolloutChartSpecs.WholeBucketsWithin(rollout, metrics.For(rollout.Flag).Series(rollout.CreatedAt - TimeSpan.FromSeconds(MetricsClock.BucketSeconds)), now);
        var events = RolloutChartSpecs.EventsOf(rollout, timeline.Concat(switches));
        var window = RolloutsApi.WindowFor(rollout, metrics);
        var active = flags.ActiveKillSwitches;
        var served = active.Count > 0 ? 0m : rollout.CurrentPercent;
        // Under a kill switch every request goes to baseline on purpose: a split test then would only cry wolf.
        var ratio = active.Count > 0 || rollout.State != RolloutState.Running
            ? null
            : SampleRatioCheck.Judge(window.Baseline.Requests, window.Candidate.Requests, served);
        return new RolloutDetail(rollout, window, RolloutChartSpecs.Build(rollout, series, events), timeline, lastAutomatic,
            active, served, ratio, now);
    }
}
