using Lens.Core.Alerts;
using Lens.Core.Calibration;
using Lens.Core.Flags;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>
/// The daily calibration: for every closed day with candidate impressions not frozen yet (oldest first, so a run after
/// downtime catches up in order), freeze both variants' figures, judge the candidate's score drift against its baseline
/// period, give the day to every proposal still in holdout, and propose the day's τ and map. What applies or falls back
/// reaches services through the flag's parameters, in the same save as the history that explains it.
/// </summary>
public sealed class DailyCalibration(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    FlagDirectory directory,
    AlertService alerts,
    LensEvents events,
    IOptions<CalibrationOptions> options,
    ILogger<DailyCalibration> logger)
{
    public const string Actor = "lens-calibration";

    private readonly SemaphoreSlim _running = new(1, 1);

    public async Task<IReadOnlyList<CalibrationRunResult>> RunAsync(CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            var o = options.Value;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var from = today.AddDays(-o.CatchUpDays);
            List<(string Flag, DateOnly Day)> open;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var withTraffic = await db.ImpressionAggregates.AsNoTracking()
                    .Where(a => a.Variant == ImpressionStore.Candidate && a.Day >= from && a.Day < today)
                    .Select(a => new { a.Flag, a.Day }).Distinct().ToListAsync(ct);
                var frozen = (await db.CalibrationDays.AsNoTracking()
                    .Where(d => d.Variant == ImpressionStore.Candidate && d.Day >= from)
                    .Select(d => new { d.Flag, d.Day }).ToListAsync(ct)).ToHashSet();
                open = [.. withTraffic.Where(d => !frozen.Contains(d)).OrderBy(d => d.Day).ThenBy(d => d.Flag, StringComparer.Ordinal).Select(d => (d.Flag, d.Day))];
            }
            var results = new List<CalibrationRunResult>();
            foreach (var (flag, day) in open)
            {
                try
                {
                    results.Add(await FreezeAsync(flag, day, o, ct));
                    events.Publish(new LensEvent(LensEvent.CalibrationChanged, clock.GetUtcNow(), Flag: flag, Detail: $"calibration of {day:yyyy-MM-dd} frozen"));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One flag's bad day must not keep every other flag from its calibration; this one is tried again next run.
                    logger.LogError(ex, "Calibration of {Flag} for {Day} failed; it is tried again at the next run.", flag, day);
                    results.Add(new CalibrationRunResult(flag, day, double.NaN, DriftStatus.InsufficientBaseline, [$"failed: {ex.Message}"]));
                }
            }
            return results;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<CalibrationRunResult> FreezeAsync(string flagKey, DateOnly day, CalibrationOptions o, CancellationToken ct)
    {
        var decisions = new List<string>();
        DriftAssessment drift;
        FlagState? published = null;
        double proposedTau;
        await directory.WriteLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var flag = await db.Flags.FindAsync([flagKey], ct);
            var flagChanged = false;

            var (histogram, queries, release) = await ImpressionStore.DayAsync(db, flagKey, ImpressionStore.Candidate, day, ct);
            var fit = CalibrationFit.Compute(histogram, queries, o.Bins, o.Strategy, o.TargetResultsPerQuery);
            var scores = ScoreSummary.From(histogram);
            var since = flag?.DriftBaselineSince ?? DateOnly.MinValue;
            var baseline = await db.CalibrationDays.AsNoTracking()
                .Where(d => d.Flag == flagKey && d.Variant == ImpressionStore.Candidate && d.Day < day && d.Day >= since && d.Drift != DriftStatus.Drifted)
                .OrderByDescending(d => d.Day).Take(o.DriftBaselineDays).ToListAsync(ct);
            drift = DriftAssessment.Assess(scores, baseline.Select(d => d.Scores).ToList(), o.MinBaselineDays, o.DriftLimitSigma);
            db.CalibrationDays.Add(CalibrationDay.Freeze(flagKey, day, ImpressionStore.Candidate, release, fit, scores, drift));

            var (baselineHistogram, baselineQueries, _) = await ImpressionStore.DayAsync(db, flagKey, ImpressionStore.Baseline, day, ct);
            if (baselineHistogram.Length > 0 && !await db.CalibrationDays.AnyAsync(d => d.Flag == flagKey && d.Day == day && d.Variant == ImpressionStore.Baseline, ct))
            {
                var baselineFit = CalibrationFit.Compute(baselineHistogram, baselineQueries, o.Bins, o.Strategy, o.TargetResultsPerQuery);
                db.CalibrationDays.Add(CalibrationDay.Freeze(flagKey, day, ImpressionStore.Baseline, ImpressionStore.Baseline, baselineFit, ScoreSummary.From(baselineHistogram), null));
            }

            var inHoldout = queries >= o.MinQueries
                ? await db.TauProposals.Where(p => p.Flag == flagKey && p.Status == TauStatus.Holdout && p.Day < day).ToListAsync(ct)
                : [];
            foreach (var proposal in inHoldout.OrderBy(p => p.Day))
            {
                if (!proposal.RecordHoldoutDay(new HoldoutDay(day, proposal.ResultsPerQueryOn(histogram, queries), queries), now)) continue;
                decisions.Add($"τ {proposal.Tau:0.####} of {proposal.Day:yyyy-MM-dd} {proposal.Status.ToString().ToLowerInvariant()}: {proposal.Reason}");
                db.AuditEntries.Add(AuditEntry.ForSubject(Subject(flagKey), proposal.Status == TauStatus.Applied ? "ApplyTau" : "RejectTau", Actor, proposal.Reason, now,
                    "Holdout", proposal.Status.ToString()));
                if (proposal.Status != TauStatus.Applied) continue;
                flag ??= AddFlag(db, flagKey, now);
                flagChanged |= flag.ApplyCalibration(proposal.Tau, proposal.MapX, proposal.MapY, now);
            }

            // Too few queries to say anything about results per query: the day's figures are kept, but it neither proposes
            // a τ nor counts as a holdout day.
            proposedTau = double.NaN;
            if (queries >= o.MinQueries)
            {
                var proposed = TauProposal.Propose(flagKey, day, release, fit.Tau, fit.Isotonic, o.Tolerance, Actor, now);
                db.TauProposals.Add(proposed);
                proposedTau = proposed.Tau;
            }
            else decisions.Add($"{queries} queries, fewer than Calibration:MinQueries ({o.MinQueries}): no τ proposed, no holdout day counted");

            if (drift.Status == DriftStatus.Drifted)
            {
                flag ??= AddFlag(db, flagKey, now);
                if (flag.SetLtrFallback(true, now))
                {
                    flagChanged = true;
                    db.AuditEntries.Add(AuditEntry.ForSubject(Subject(flagKey), "LtrFallbackOn", Actor, $"feature drift on {day:yyyy-MM-dd}: {drift.Describe()}", now, "Off", "On"));
                }
            }
            await db.SaveChangesAsync(ct);
            if (flagChanged) directory.Set(published = flag!.ToState(directory.KillSwitchActive));
        }
        finally
        {
            directory.WriteLock.Release();
        }

        if (published is not null) logger.LogInformation("Flag {Flag} parameters now {Parameters}", flagKey, published.Parameters);
        // The fallback is saved already: its alert must be raised even if whoever asked for this run has gone.
        if (drift.Status == DriftStatus.Drifted)
            await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.FeatureDrift(flagKey), AlertSeverity.High, AlertSource.Calibration,
                $"Feature drift on {flagKey}: services told to use the fallback ranker",
                $"Candidate scores of {day:yyyy-MM-dd}: {drift.Describe()}. ltrFallback is on until a lead clears it with a reason."), CancellationToken.None);
        return new CalibrationRunResult(flagKey, day, proposedTau, drift.Status, decisions);
    }

    internal static string Subject(string flag) => "calibration:" + flag;

    internal static Flag AddFlag(LensDbContext db, string key, DateTimeOffset now)
    {
        var flag = Flag.Create(key, now);
        db.Flags.Add(flag);
        return flag;
    }
}
