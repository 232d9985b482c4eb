using Lens.Core.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Flags;

/// <summary>Turns a named kill switch on or off: saves it, bumps every flag's version, and pushes every flag to the stream.</summary>
public sealed class KillSwitchService(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, FlagDirectory directory, LensEvents events)
{
    public async Task<KillSwitch> SetAsync(string name, bool active, string actor, string reason, CancellationToken ct = default)
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
            return killSwitch;
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
