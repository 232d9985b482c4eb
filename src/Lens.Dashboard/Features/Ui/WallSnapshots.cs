using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Ui;

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
        var actions = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Actor == Rollout.EngineActor || a.Subject.StartsWith("killswitch:"))
            .OrderByDescending(a => a.Id).Take(8).ToListAsync();
        var alerts = await new AlertQuery("open").RunAsync(db);
        var drift = await db.Detectors.AsNoTracking().Where(d => d.AlarmSince != null).OrderBy(d => d.Name).Select(d => d.Name).ToListAsync();
        var now = clock.GetUtcNow();
        var status = await SentinelStatus.LoadAsync(db, sentinel.Value, now);
        return new WallSnapshot(live, actions, flags.ActiveKillSwitches, alerts, drift, status, now);
    }
}
