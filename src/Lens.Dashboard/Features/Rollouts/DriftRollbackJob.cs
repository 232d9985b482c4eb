using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using System.Globalization;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// The guide's "CUSUM alarm held more than 24 hours → rollback": a detector tied to a flag (Detectors:Watch:{name}:Flag)
/// whose alarm has held longer than CanaryJudgement:DriftRollbackAfter while that flag's rollout was live rolls the
/// rollout back. Only the time since the rollout started counts: an alarm it inherited is not its doing until it has
/// lived with it that long. A deployment pipeline started with monitoring_config.enable_drift_detection false keeps its
/// rollouts out of this.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DriftRollbackJob(
    IDbContextFactory<LensDbContext> dbFactory,
    RolloutEngine engine,
    TimeProvider clock,
    IOptions<DetectorOptions> detectors,
    IOptions<CanaryJudgementOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await CheckAsync(cancellationToken);

    /// <summary>Rolls back every live rollout a long-held alarm speaks against; returns how many it rolled back.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var tied = detectors.Value.Watch.Where(w => !string.IsNullOrWhiteSpace(w.Value.Flag)).ToDictionary(w => w.Key, w => w.Value.Flag!);
        if (tied.Count == 0) return 0;
        var limit = options.Value.DriftRollbackAfter;
        List<(Guid Rollout, string Reason)> due = [];
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var alarmed = (await db.Detectors.AsNoTracking().Where(d => d.AlarmSince != null).ToListAsync(ct)).Where(d => tied.ContainsKey(d.Name)).ToList();
            if (alarmed.Count == 0) return 0;
            var live = await db.Rollouts.AsNoTracking()
                .Where(r => r.State == RolloutState.Running || r.State == RolloutState.Paused).ToListAsync(ct);
            var exempt = await DriftExemptRolloutsAsync(db, ct);
            var now = clock.GetUtcNow();
            foreach (var detector in alarmed)
            {
                if (live.FirstOrDefault(r => r.Flag == tied[detector.Name]) is not { } rollout || exempt.Contains(rollout.Id)) continue;
                var since = detector.AlarmSince!.Value > rollout.CreatedAt ? detector.AlarmSince.Value : rollout.CreatedAt;
                var held = now - since;
                if (held <= limit || due.Any(d => d.Rollout == rollout.Id)) continue;
                due.Add((rollout.Id,
                    $"Drift alarm on {detector.Metric} (detector {detector.Name}) has held {Hours(held)} while this rollout was live, " +
                    $"longer than CanaryJudgement:DriftRollbackAfter ({Hours(limit)}); last value {detector.LastValue?.ToString("0.####", CultureInfo.InvariantCulture)}."));
            }
        }
        var rolledBack = 0;
        foreach (var (id, reason) in due)
            if (await engine.RollbackAutomaticallyAsync(id, reason, ct) is not null) rolledBack++;
        return rolledBack;
    }

    /// <summary>
    /// The rollouts of unfinished deployment pipelines started with monitoring_config.enable_drift_detection false:
    /// their owner chose to watch drift alarms without letting them roll the canary back.
    /// </summary>
    private static async Task<HashSet<Guid>> DriftExemptRolloutsAsync(LensDbContext db, CancellationToken ct)
    {
        var unfinished = await db.DeploymentPipelines.AsNoTracking()
            .Where(p => DeploymentPipeline.UnfinishedStates.Contains(p.State)).ToListAsync(ct);
        return [.. unfinished.Where(p => !p.Request.Config.Monitoring.EnableDriftDetection).SelectMany(p => p.Rollouts)];
    }

    // Hours with two decimals, so an alarm just past a day's limit does not read "1 d" against "1 d".
    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + " h";
}
