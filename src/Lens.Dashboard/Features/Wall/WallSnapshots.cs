using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Deploy;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Wall;

/// <summary>
/// One wall snapshot per published event, shared by every open wall. A wall screen is opened on many TVs, and
/// each used to run the same six queries on every event; now the first wall to ask loads and the rest reuse it.
/// A snapshot is reused only while no newer event has been published (<see cref="LensEvents.Sequence"/>).
/// </summary>
public sealed class WallSnapshots(
    IDbContextFactory<LensDbContext> dbFactory,
    FlagDirectory flags,
    IOptions<SentinelOptions> sentinel,
    LensEvents events,
    CalibrationReadModel calibration,
    DeploymentService deployments,
    TimeProvider clock)
{
    private readonly object _gate = new();
    private (long Sequence, Task<WallSnapshot> Load)? _current;

    public Task<WallSnapshot> GetAsync()
    {
        lock (_gate)
        {
            var sequence = events.Sequence;
            if (_current is { } c && c.Sequence == sequence && !c.Load.IsFaulted && !c.Load.IsCanceled) return c.Load;
            var load = LoadAsync();
            _current = (sequence, load);
            return load;
        }
    }

    private async Task<WallSnapshot> LoadAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var live = await db.Rollouts.AsNoTracking()
            .Where(r => r.State == RolloutState.Running || r.State == RolloutState.Paused)
            .OrderBy(r => r.CreatedAt).ToListAsync();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Actor == Rollout.EngineActor || a.Subject.StartsWith("killswitch:"))
            .OrderByDescending(a => a.Id).Take(8).ToListAsync();
        // Each action names what it touched: a wall showing "ROLLED BACK" without which release helps nobody.
        var ids = entries.Where(a => a.RolloutId != null).Select(a => a.RolloutId!.Value).Distinct().ToList();
        var touched = await db.Rollouts.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.ReleaseVersion, r.Flag }).ToDictionaryAsync(r => r.Id);
        var actions = entries.Select(a => a.RolloutId is { } id && touched.TryGetValue(id, out var r)
            ? new WallAction(a.Id, a.At, a.Action, a.Reason, r.ReleaseVersion, r.Flag, null)
            : new WallAction(a.Id, a.At, a.Action, a.Reason, null, null, a.Subject.StartsWith("killswitch:") ? a.Subject["killswitch:".Length..] : a.Subject)).ToList();
        var alerts = await new AlertQuery("open").RunAsync(db);
        var detectors = await db.Detectors.AsNoTracking().ToListAsync();
        var drift = detectors.Where(d => d.InAlarm).OrderBy(d => d.Name).Select(d => d.Name).ToList();
        var now = clock.GetUtcNow();
        var status = await SentinelStatus.LoadAsync(db, sentinel.Value, now);
        var calibrationStatus = await calibration.StatusAsync(CancellationToken.None);
        var pipelines = await PipelinesAsync(db, now);
        return new WallSnapshot(live, actions, flags.ActiveKillSwitches, alerts, drift, detectors.Count(d => d.IsLearning), detectors.Count, status, calibrationStatus,
            pipelines, now);
    }

    /// <summary>Running pipelines first, then those that ended within <see cref="RecentPipelines"/>, newest first.</summary>
    private async Task<IReadOnlyList<WallPipeline>> PipelinesAsync(LensDbContext db, DateTimeOffset now)
    {
        var since = now - RecentPipelines;
        var pipelines = await db.DeploymentPipelines.AsNoTracking()
            .Where(p => p.State == PipelineState.Pending || p.State == PipelineState.Running || p.EndedAt >= since)
            .OrderByDescending(p => p.CreatedAt).ToListAsync();
        // The running canary block's rollout gives its stage ("stage 2/3"); the stepper names each block's plan deploy-<letter>.
        var rolloutIds = pipelines.Where(p => p.Current is { } c && PhaseNames.IsCanary(c.Phase)).SelectMany(p => p.Rollouts).ToList();
        var rollouts = await db.Rollouts.AsNoTracking().Where(r => rolloutIds.Contains(r.Id)).ToListAsync();
        return [.. pipelines
            .OrderBy(p => p.IsTerminal)
            .Select(p =>
            {
                var letter = p.Current is { } c && PhaseNames.IsCanary(c.Phase) ? deployments.Plan(p.Request).Block(c.Phase)?.Letter : null;
                var block = letter is null ? null : rollouts.Where(r => p.Rollouts.Contains(r.Id) && r.PlanName == $"deploy-{letter}")
                    .OrderByDescending(r => r.CreatedAt).FirstOrDefault();
                return WallPipeline.Of(deployments.StatusOf(p), block);
            })];
    }

    /// <summary>How long a finished pipeline stays on the wall: long enough for the next shift to see how the night went.</summary>
    public static readonly TimeSpan RecentPipelines = TimeSpan.FromHours(24);
}
