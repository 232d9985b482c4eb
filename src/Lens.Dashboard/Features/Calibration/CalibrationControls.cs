using Lens.Core.Calibration;
using Lens.Core.Flags;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>What a lead may do by hand: set τ at once (the map in force stays), and turn the fallback ranker on or off.</summary>
public sealed class CalibrationControls(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    FlagDirectory directory,
    AlertService alerts,
    LensEvents events,
    IOptions<CalibrationOptions> options)
{
    /// <summary>Null for a key that is neither a flag nor has impressions or calibration history: most likely a typo, not a new flag.</summary>
    public async Task<FlagParameters?> OverrideTauAsync(string flagKey, double tau, string actor, string reason, CancellationToken ct)
    {
        bool known;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            known = await db.Flags.AnyAsync(f => f.Key == flagKey, ct) || await db.ImpressionAggregates.AnyAsync(a => a.Flag == flagKey, ct)
                || await db.CalibrationDays.AnyAsync(d => d.Flag == flagKey, ct);
        if (!known) return null;
        var state = await ChangeFlagAsync(flagKey, create: true, (db, flag, now) =>
        {
            var before = flag.Tau;
            var o = options.Value;
            db.TauProposals.Add(TauProposal.Override(flagKey, DateOnly.FromDateTime(now.UtcDateTime), tau, flag.CalibrationX ?? [], flag.CalibrationY ?? [],
                o.TargetResultsPerQuery, o.Tolerance, actor, reason, now));
            db.AuditEntries.Add(AuditEntry.ForSubject(DailyCalibration.Subject(flagKey), "OverrideTau", actor, reason, now,
                before is { } b ? $"τ {b:0.####}" : "no τ", $"τ {tau:0.####}"));
            return flag.ApplyCalibration(tau, flag.CalibrationX, flag.CalibrationY, now);
        }, ct);
        return state?.Parameters;
    }

    /// <summary>Null when clearing the fallback of a flag that does not exist.</summary>
    public async Task<FlagParameters?> SetFallbackAsync(string flagKey, bool active, string actor, string reason, CancellationToken ct)
    {
        var state = await ChangeFlagAsync(flagKey, create: active, (db, flag, now) =>
        {
            if (!flag.SetLtrFallback(active, now)) return false;
            db.AuditEntries.Add(AuditEntry.ForSubject(DailyCalibration.Subject(flagKey), active ? "LtrFallbackOn" : "LtrFallbackOff", actor, reason, now,
                active ? "Off" : "On", active ? "On" : "Off"));
            return true;
        }, ct);
        if (state is not null && !active) await alerts.ResolveKeyAsync(AlertKeys.FeatureDrift(flagKey), actor, $"LTR fallback cleared: {reason}", ct);
        return state?.Parameters;
    }

    private async Task<FlagState?> ChangeFlagAsync(string flagKey, bool create, Func<LensDbContext, Flag, DateTimeOffset, bool> change, CancellationToken ct)
    {
        FlagState state;
        await directory.WriteLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var flag = await db.Flags.FindAsync([flagKey], ct);
            if (flag is null && !create) return null;
            flag ??= DailyCalibration.AddFlag(db, flagKey, now);
            var changed = change(db, flag, now);
            await db.SaveChangesAsync(ct);
            state = flag.ToState(directory.KillSwitchActive);
            if (changed) directory.Set(state);
        }
        finally
        {
            directory.WriteLock.Release();
        }
        events.Publish(new LensEvent(LensEvent.CalibrationChanged, clock.GetUtcNow(), Flag: flagKey));
        return state;
    }
}
