using Lens.Core.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Flags;

/// <summary>
/// Changes one sub-feature of a flag: its kill switch (a person, audited) or its share (the deployment pipeline). Each
/// change is stored and put on the stream in the same step, under the flag writers' lock, so services hear it at once.
/// </summary>
public sealed class SubFeatureControls(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, FlagDirectory directory, LensEvents events)
{
    public static string Subject(string flagKey, string name) => $"flag:{flagKey}/parameter:{name}";

    /// <summary>Null when the flag does not exist.</summary>
    public Task<FlagState?> SetKillSwitchAsync(string flagKey, string name, bool active, string actor, string reason, CancellationToken ct) =>
        ChangeAsync(flagKey, create: false, (db, flag, now) =>
        {
            var before = flag.SubFeature(name)?.KillSwitch == true;
            if (!flag.SetSubFeatureKillSwitch(name, active, reason, now)) return false;
            db.AuditEntries.Add(AuditEntry.ForSubject(Subject(flagKey, name), active ? "KillSwitchOn" : "KillSwitchOff", actor, reason, now,
                before ? "Killed" : "Live", active ? "Killed" : "Live"));
            return true;
        }, ct);

    /// <summary>Sets the shares of several sub-features in one change (a block's features move together); creates the flag if needed.</summary>
    public Task<FlagState?> SetSharesAsync(string flagKey, IReadOnlyList<string> names, decimal percent, CancellationToken ct) =>
        ChangeAsync(flagKey, create: true, (_, flag, now) =>
        {
            var changed = false;
            foreach (var name in names) changed |= flag.SetSubFeaturePercent(name, percent, now);
            return changed;
        }, ct);

    /// <summary>
    /// Sends a flag to baseline for a pipeline that stopped: its share and the named sub-features to 0%, even when the
    /// rollout that set them has already promoted (a finished rollout has no transition back).
    /// </summary>
    public Task<FlagState?> BaselineAsync(string flagKey, IReadOnlyList<string> names, CancellationToken ct) =>
        ChangeAsync(flagKey, create: false, (_, flag, now) =>
        {
            var changed = flag.RolloutId is { } rollout && flag.Drive(rollout, 0m, now);
            foreach (var name in names) changed |= flag.SetSubFeaturePercent(name, 0m, now);
            return changed;
        }, ct);

    private async Task<FlagState?> ChangeAsync(string flagKey, bool create, Func<LensDbContext, Flag, DateTimeOffset, bool> change, CancellationToken ct)
    {
        FlagState state;
        await directory.WriteLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var flag = await db.Flags.FindAsync([flagKey], ct);
            if (flag is null)
            {
                if (!create) return null;
                flag = Flag.Create(flagKey, now);
                db.Flags.Add(flag);
            }
            var changed = change(db, flag, now);
            await db.SaveChangesAsync(ct);
            state = flag.ToState(directory.KillSwitchActive);
            if (changed) directory.Set(state);
        }
        finally
        {
            directory.WriteLock.Release();
        }
        events.Publish(new LensEvent(LensEvent.FlagParametersChanged, clock.GetUtcNow(), Flag: flagKey));
        return state;
    }
}
