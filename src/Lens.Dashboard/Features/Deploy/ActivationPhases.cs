using Lens.Core.Bench;
using Lens.Core.Calibration;
using Lens.Core.Deployment;
using Lens.Core.Gates;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// The phases after the canary: calibration activation, production monitoring, sentinel activation, and the final
/// check after the quiet period.
/// </summary>
public sealed class ActivationPhases(
    DailyCalibration calibration,
    CalibrationReadModel calibrationFits,
    CalibrationControls calibrationControls,
    IOptions<SentinelOptions> sentinelOptions,
    DetectorService detectors,
    IOptions<DetectorOptions> detectorOptions,
    SentinelService sentinel,
    FlagDirectory flags)
{
    internal async Task CalibrationAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        var until = step.Current.StartedAt!.Value + step.Plan.CalibrationHoldout;
        if (step.Now < until)
        {
            p.WaitFor($"calibration holdout: {DeploymentPlanner.Duration(until - step.Now)} more", until);
            return;
        }
        await calibration.RunAsync(ct);
        // The daily process holds a proposal for two calendar days; the pipeline has waited out its own (accelerated)
        // holdout above, so it applies τ fitted on the canary's impressions so far itself, audited under its own name.
        var fit = await TodaysFitAsync(p.Flag, ct);
        if (fit is not null)
            await calibrationControls.OverrideTauAsync(p.Flag, fit.Tau, DeploymentService.Actor(p.Id),
                $"calibration activation of pipeline {p.Id}: τ fitted on {fit.Impressions} canary impressions ({fit.ResultsPerQueryAtTau:0.##} results per query)", ct);
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Key == p.Flag, ct);
        step.Gate("tau_in_force", flag?.Tau is not null, flag?.Tau, "a τ in force",
            flag?.Tau is { } tau ? $"τ {tau:0.####} is in force on {p.Flag}{(fit is null ? "" : $", {fit.ResultsPerQueryAtTau:0.##} results per query at it")}." : $"No τ is in force on {p.Flag}: no canary impressions to fit.");
    }

    private async Task<CalibrationCurveView?> TodaysFitAsync(string flag, CancellationToken ct) =>
        (await calibrationFits.TodayAsync(ct)).FirstOrDefault(v => v.Flag == flag && v.Variant == ImpressionStore.Candidate);

    internal async Task MonitoringAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        if (!step.Plan.ArmCusum)
        {
            p.CompletePhase(step.Phase, step.Now, "CUSUM alarms off in the config");
            return;
        }
        var names = await WatchedDetectorsAsync(p.Flag, db, ct);
        var metrics = await db.Detectors.AsNoTracking().Where(d => names.Contains(d.Name)).ToDictionaryAsync(d => d.Name, d => d.Metric, ct);
        var (bench, why) = await FinalBenchRecallAsync(p, db, ct);
        var actor = DeploymentService.Actor(p.Id);
        var reason = $"armed by deployment pipeline {p.Id} for {p.Version}";
        List<string> fromBench = [], fromTraffic = [];
        foreach (var name in names)
        {
            // Only Recall@50 is a bench mean on both sides: its detector takes one bench mean per value, so the final
            // bench's mean and that mean's standard error are its μ₀ and σ. The bench has one p95 and one span
            // coverage for the whole run (no spread for the per-interval p95s or per-probe values those detectors
            // take) and its P@1 is over other queries than the sentinel's anchors, so those learn from live traffic.
            if (bench is not null && metrics.GetValueOrDefault(name) == DetectorOptions.RecallMetric)
            {
                var armed = await detectors.ArmAsync(name, bench.Mean, bench.StandardError, actor, $"{reason}: final bench {bench.Measure} over {bench.Queries} queries", ct);
                fromBench.Add(FormattableString.Invariant($"{name} μ₀={armed.Target:0.####} σ={armed.Sigma:0.####}"));
                continue;
            }
            var reset = await detectors.ResetAsync(name, actor, reason, ct);
            fromTraffic.Add(reset.IsLearning
                ? $"{name} ({reset.BaselineValues.Count}/{reset.BaselineSize} values learned)"
                : FormattableString.Invariant($"{name} (sums reset; keeps μ₀={reset.Target:0.####} σ={reset.Sigma:0.####} learned earlier)"));
        }
        var detail = $"Armed {names.Count} CUSUM detector(s). "
            + (fromBench.Count > 0 ? $"Armed from bench: {string.Join(", ", fromBench)}. "
                : $"None armed from the bench: {(bench is null ? why : $"no detector of this pipeline watches {DetectorOptions.RecallMetric}")}. ")
            + (fromTraffic.Count > 0 ? $"Learning from live traffic: {string.Join(", ", fromTraffic)}." : "");
        step.Pass("cusum_armed", names.Count, "every detector tied to the flag or to none", detail.TrimEnd());
        p.CompletePhase(step.Phase, step.Now, $"{names.Count} detector(s) armed, {fromBench.Count} from the bench");
    }

    /// <summary>
    /// Recall@50 as the pipeline's final bench measured it: the latest passing bench of this version outside the
    /// nightly runs, the one the final-bench phase accepted. Null, with why, when there is none to use.
    /// </summary>
    private static async Task<(BenchMeanBaseline? Baseline, string Why)> FinalBenchRecallAsync(DeploymentPipeline p, LensDbContext db, CancellationToken ct)
    {
        if (p.Request.SkipsBench) return (null, "the final bench was skipped");
        var passing = await db.BenchRuns.AsNoTracking()
            .Where(r => r.Release == p.Version && r.Night == null && r.Status == BenchRunStatus.Completed && r.Verdict == Verdict.Pass)
            .ToListAsync(ct);
        if (passing.OrderByDescending(r => r.StartedAt).FirstOrDefault() is not { } run) return (null, $"release {p.Version} has no passing final bench");
        return BenchMeanBaseline.Read(run.ResultsJson, RecallMeasure) is { } baseline
            ? (baseline, "")
            : (null, $"bench {run.Id} has no per-query {RecallMeasure} for two or more queries");
    }

    private const string RecallMeasure = "recall_50";

    /// <summary>
    /// The detectors that speak for this pipeline: those Detectors:Watch ties to its flag, and those tied to no flag.
    /// A detector tied to another flag watches someone else's rollout, so the pipeline neither arms nor counts it.
    /// </summary>
    private async Task<List<string>> WatchedDetectorsAsync(string flag, LensDbContext db, CancellationToken ct)
    {
        var stored = await db.Detectors.AsNoTracking().Select(d => d.Name).ToListAsync(ct);
        var watch = detectorOptions.Value.Watch;
        return [.. stored.Where(n => !watch.TryGetValue(n, out var d) || string.IsNullOrEmpty(d.Flag) || d.Flag == flag)];
    }

    internal async Task SentinelAsync(PhaseStep step, CancellationToken ct)
    {
        var p = step.Pipeline;
        IReadOnlyList<Lens.Core.Sentinel.ProbeRun> runs = sentinelOptions.Value.Configured ? await sentinel.RunRoundAsync(ct) : [];
        var passed = runs.Count(r => r.Passed);
        step.Gate("sentinel_probes", runs.Count > 0 && passed == runs.Count, runs.Count == 0 ? null : (double)passed / runs.Count, "every probe passes",
            runs.Count == 0 ? "No sentinel probe ran: none is configured (Sentinel:Endpoint)." : $"{passed}/{runs.Count} probes passed on activation.");
    }

    internal async Task FinalCheckAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        var since = step.Current.StartedAt!.Value;
        var until = since + step.Plan.QuietPeriod;
        if (step.Now < until)
        {
            // The sentinel probes at the pipeline's (accelerated) cadence through the quiet period.
            var last = await db.ProbeRuns.Where(r => r.At >= since).OrderByDescending(r => r.At).Select(r => (DateTimeOffset?)r.At).FirstOrDefaultAsync(ct) ?? since - step.Plan.SentinelCadence;
            if (sentinelOptions.Value.Configured && step.Now - last >= step.Plan.SentinelCadence) await sentinel.RunRoundAsync(ct);
            p.WaitFor($"quiet period: {DeploymentPlanner.Duration(until - step.Now)} more", until);
            return;
        }
        // The sentinel's probes are the system's one sentinel, so all of them count; alarms only from this pipeline's detectors.
        var probeCount = await db.ProbeRuns.CountAsync(r => r.At >= since, ct);
        var probesPassed = await db.ProbeRuns.CountAsync(r => r.At >= since && r.Outcome == Lens.Core.Sentinel.ProbeOutcome.Pass, ct);
        var watched = await WatchedDetectorsAsync(p.Flag, db, ct);
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Key == p.Flag, ct);
        var alarms = await db.DetectorObservations.CountAsync(o => o.At >= since && watched.Contains(o.Detector) && (o.AlarmHigh || o.AlarmLow), ct);
        var proposals = await db.TauProposals.AsNoTracking().Where(t => t.Flag == p.Flag && t.Status == TauStatus.Applied).ToListAsync(ct);
        var applied = proposals.OrderByDescending(t => t.DecidedAt ?? t.ProposedAt).FirstOrDefault();
        var killed = flags.ActiveKillSwitches.Concat(flag?.SubFeatures.Where(s => s.KillSwitch).Select(s => s.Name) ?? []).ToList();
        var input = new FinalCheckInput(
            flag?.SubFeatures.ToDictionary(s => s.Name, s => s.ServedPercent) ?? new Dictionary<string, decimal>(),
            p.Request.SkipCanary ? [] : [.. step.Plan.Blocks.SelectMany(b => b.SubFeatures)],
            (await TodaysFitAsync(p.Flag, ct))?.ResultsPerQueryAtTau ?? applied?.FittedResultsPerQuery, alarms, step.Plan.QuietPeriod,
            probeCount == 0 ? null : (double)probesPassed / probeCount, killed);
        var checks = FinalCheck.Evaluate(input, step.Now);
        foreach (var check in checks.Take(checks.Count - 1)) p.RecordGate(check);
        var lastCheck = checks[^1];
        var failed = checks.Where(c => !c.Passed).ToList();
        step.Gate(lastCheck.Gate, lastCheck.Passed, lastCheck.Value, lastCheck.Threshold, lastCheck.Detail,
            failed.Count == 0 ? null : "Final check: " + string.Join("; ", failed.Select(c => $"{c.Gate} {c.Detail}")), allPassed: failed.Count == 0);
    }
}
