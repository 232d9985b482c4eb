using Lens.Core.Alerts;
using Lens.Core.Flags;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Flags;

/// <summary>Turns a named kill switch on or off: saves it, bumps every flag's version, and pushes every flag to the stream.</summary>
public sealed class KillSwitchService(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, FlagDirectory directory, LensEvents events, AlertService alerts)
{
    public async Task<KillSwitch> SetAsync(string name, bool active, string actor, string reason, CancellationToken ct = default)
    {
        var (killSwitch, changed) = await SaveAsync(name, active, actor, reason, ct);
        if (!changed) return killSwitch;
        if (active)
            await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.KillSwitch(name), AlertSeverity.Critical, AlertSource.KillSwitch,
                $"Kill switch {name} is ACTIVE: all traffic on baseline", $"Activated by {actor}: {reason}. Effect: {KillSwitch.EffectOf(name)}"), ct);
        else
            await alerts.ResolveKeyAsync(AlertKeys.KillSwitch(name), actor, $"Kill switch deactivated: {reason}", ct);
        return killSwitch;
    }

    private async Task<(KillSwitch, bool Changed)> SaveAsync(string name, bool active, string actor, string reason, CancellationToken ct)
    {
        await directory.WriteLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var killSwitch = await db.KillSwitches.FindAsync([name], ct);
            if (killSwitch is null)
            {
                killSwitch = KillSwitch.Create(name, now);
                db.KillSwitches.Add(killSwitch);
            }
            var wasActive = killSwitch.Active;
            var changed = killSwitch.Set(active, actor, reason, now);
            db.AuditEntries.Add(AuditEntry.ForSubject("killswitch:" + name, active ? "Activate" : "Deactivate", actor, reason, now,
                wasActive ? "Active" : "Inactive", active ? "Active" : "Inactive"));
            var flags = await db.Flags.ToListAsync(ct);
            if (changed) foreach (var flag in flags) flag.Touch(now);
            await db.SaveChangesAsync(ct);

            directory.SetKillSwitch(name, active);
            foreach (var flag in flags) directory.Set(flag.ToState(directory.KillSwitchActive));
            events.Publish(new LensEvent(LensEvent.KillSwitchChanged, now, Detail: $"{name} {(active ? "activated" : "deactivated")} by {actor}: {reason}"));
            return (killSwitch, changed);
        }
        finally
        {
            directory.WriteLock.Release();
        }
    }

    public async Task<IReadOnlyList<KillSwitch>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.KillSwitches.AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow();
        return KillSwitch.Names.Select(n => stored.FirstOrDefault(s => s.Name == n) ?? KillSwitch.Create(n, now)).ToArray();
    }
}
