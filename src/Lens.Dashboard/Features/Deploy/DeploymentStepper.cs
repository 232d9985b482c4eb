using System.Text.Json;
using Lens.Core.Calibration;
using Lens.Core.Deployment;
using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Bench;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Moves one running pipeline as far as it can go now, using the app's own services for each phase. Every step reads
/// the pipeline from the database and saves it back, so a restart resumes exactly where it was.
/// </summary>
public sealed class DeploymentStepper(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    DeploymentService deployments,
    DeploymentReports reports,
    RolloutEngine engine,
    SubFeatureControls subFeatures,
    FinalBenchLauncher bench,
    DailyCalibration calibration,
    CalibrationReadModel calibrationFits,
    CalibrationControls calibrationControls,
    Microsoft.Extensions.Options.IOptions<SentinelOptions> sentinelOptions,
    DetectorService detectors,
    Microsoft.Extensions.Options.IOptions<DetectorOptions> detectorOptions,
    SentinelService sentinel,
    FlagDirectory flags,
    ILogger<DeploymentStepper> logger)
{
    /// <summary>Steps every running pipeline once; one pipeline's failure does not stop the others. Answers how many were running.</summary>
    public async Task<int> StepAllAsync(CancellationToken ct)
    {
        List<Guid> running;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            running = await db.DeploymentPipelines.Where(p => p.State == PipelineState.Running).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in running)
        {
            try { await StepAsync(id, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Stepping deployment pipeline {Id} failed", id); }
        }
        return running.Count;
    }

    /// <summary>Runs phases until one has to wait (or the pipeline ends), holding the pipeline against an abort meanwhile.</summary>
    public async Task StepAsync(Guid id, CancellationToken ct)
    {
        var gate = deployments.LockOf(id);
        await gate.WaitAsync(ct);
        try { await StepLockedAsync(id, ct); }
        finally { gate.Release(); }
    }

    private async Task StepLockedAsync(Guid id, CancellationToken ct)
    {
        for (var guard = 0; guard < 20; guard++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var pipeline = await db.DeploymentPipelines.FindAsync([id], ct);
            if (pipeline is not { State: PipelineState.Running } || pipeline.Current is not { } current) return;
            var plan = deployments.Plan(pipeline.Request);
            var revision = pipeline.Revision;
            var step = new PhaseStep(pipeline, plan, current, clock.GetUtcNow());
            await RunAsync(step, db, ct);
            if (pipeline.Revision == revision) return;
            await db.SaveChangesAsync(ct);
            if (pipeline.IsTerminal)
            {
                if (pipeline.State == PipelineState.Failed) await deployments.ToBaselineAsync(pipeline, $"pipeline {pipeline.Id} failed: {pipeline.Cause}", ct);
                await reports.WriteAsync(pipeline, plan, ct);
            }
            deployments.Publish(pipeline);
            if (pipeline.IsTerminal || pipeline.Current?.Phase == current.Phase) return;
        }
    }

    private Task RunAsync(PhaseStep step, LensDbContext db, CancellationToken ct) => step.Phase switch
    {
        DeploymentPhase.TagFreeze => TagFreezeAsync(step, db, ct),
        DeploymentPhase.FinalBench => FinalBenchAsync(step, db, ct),
        DeploymentPhase.CanaryA or DeploymentPhase.CanaryB or DeploymentPhase.CanaryC => CanaryAsync(step, db, ct),
        DeploymentPhase.CalibrationActivation => CalibrationAsync(step, db, ct),
        DeploymentPhase.Monitoring => MonitoringAsync(step, db, ct),
        DeploymentPhase.Sentinel => SentinelAsync(step, ct),
        DeploymentPhase.FinalCheck => FinalCheckAsync(step, db, ct),
        _ => Task.CompletedTask,
    };

    private static async Task TagFreezeAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        var f = p.Request.Config.Fingerprint;
        // Only the fields the config gives take part: a release registered another way (the releases API, the demo)
        // is reused as it is when the config names none, and the flag is no part of a version's identity.
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.GitCommit is { } commit) given["git_commit"] = commit;
        if (f.LtrModelHash is { } model) given["ltr_model_hash"] = model;
        if (f.FeatureSchema is { } schema) given["feature_schema"] = schema;
        if (f.Build is { } build) given["build"] = build;
        var existing = await db.Releases.FirstOrDefaultAsync(r => r.Version == p.Version, ct);
        if (existing is null)
        {
            var release = Release.Create(p.Version, JsonSerializer.SerializeToElement(given), step.Now);
            db.Releases.Add(release);
            step.Pass("release_fingerprint", null, "new release", $"Created release {p.Version} with fingerprint {release.Fingerprint[..12]}.");
            p.CompletePhase(step.Phase, step.Now, $"created {p.Version} ({release.Fingerprint[..12]})");
            return;
        }
        if (given.Count == 0)
        {
            step.Pass("release_fingerprint", null, "no fingerprint in the config", $"Reused release {p.Version} as it is: the config gives no fingerprint to compare.");
            p.CompletePhase(step.Phase, step.Now, $"reused {p.Version} ({existing.Fingerprint[..12]})");
            return;
        }
        using var stored = JsonDocument.Parse(existing.ConfigJson);
        var differing = given
            .Select(g => (Key: g.Key, Given: g.Value, Has: stored.RootElement.ValueKind == JsonValueKind.Object && stored.RootElement.TryGetProperty(g.Key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null))
            .Where(d => d.Has != d.Given)
            .Select(d => $"fingerprint.{d.Key} is '{d.Given}' but release {p.Version} has {(d.Has is null ? "none" : $"'{d.Has}'")}")
            .ToList();
        if (differing.Count == 0)
        {
            step.Pass("release_fingerprint", null, "same fingerprint", $"Reused release {p.Version}: {string.Join(", ", given.Keys)} match.");
            p.CompletePhase(step.Phase, step.Now, $"reused {p.Version} ({existing.Fingerprint[..12]})");
        }
        else step.Gate("release_fingerprint", false, null, "the config's fingerprint fields match the release",
            $"{string.Join("; ", differing)}: a version is frozen once tagged.", $"release_fingerprint: {string.Join("; ", differing)}: a version is frozen once tagged.");
    }

    private async Task FinalBenchAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        var since = step.Current.StartedAt!.Value;
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.Release == p.Version && r.Night == null).ToListAsync(ct);
        // A bench started in the same instant as an interrupted one is its replacement, so it counts as the later one.
        var latest = runs.OrderByDescending(r => r.StartedAt).ThenBy(r => r.WasInterrupted).FirstOrDefault();
        // A bench cut off by a restart measured nothing: run a new one rather than fail the release on it.
        if (latest is null || latest.WasInterrupted || (latest.Status != Lens.Core.Bench.BenchRunStatus.Running && !latest.Passed && latest.StartedAt < since))
        {
            if (!bench.Available)
            {
                step.Gate("final_bench", false, null, "a passing bench", $"Release {p.Version} has no passing final bench, and none can be run here: {bench.UnavailableReason}");
                return;
            }
            var run = await bench.StartAsync(p.Version, DeploymentService.Actor(p.Id), ct);
            p.WaitFor($"final bench {run.Id} running", null);
            return;
        }
        if (latest.Status == Lens.Core.Bench.BenchRunStatus.Running)
        {
            p.WaitFor($"final bench {latest.Id}: {latest.QueriesDone}/{latest.QueriesTotal} queries", null);
            return;
        }
        var detail = $"Bench {latest.Id}: {latest.Verdict?.ToString() ?? latest.Status.ToString()}, ΔnDCG@10 {latest.NdcgDelta:0.####}, Δrecall@50 {latest.RecallDelta:0.####}{(latest.Error is { } e ? $" ({e})" : "")}.";
        step.Gate("final_bench", latest.Passed, latest.NdcgDelta, "every release gate passes", detail);
    }

    private async Task CanaryAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        var block = step.Plan.Block(step.Phase)!;
        var planName = $"deploy-{block.Letter}";
        var rollout = await db.Rollouts.AsNoTracking().Where(r => p.Rollouts.Contains(r.Id) && r.PlanName == planName).OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
        if (rollout is null)
        {
            // A block rollout created by an earlier step whose attach was never saved (a crash, a lost race): adopt it,
            // since creating it again would be refused as a second rollout on the flag.
            var since = step.Current.StartedAt!.Value;
            var orphan = await db.Rollouts.AsNoTracking()
                .Where(r => r.Flag == p.Flag && r.ReleaseVersion == p.Version && r.PlanName == planName && r.CreatedAt >= since)
                .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
            if (orphan is not null)
            {
                rollout = orphan;
                p.AttachRollout(rollout.Id);
            }
        }
        if (rollout is null)
        {
            try
            {
                rollout = await engine.CreateAsync(p.Version, p.Flag, block.Stages, planName, DeploymentService.Actor(p.Id), ct);
            }
            catch (LensRequestException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                p.WaitFor($"block {block.Letter} waits for the flag: {ex.Message}", null);
                return;
            }
            p.AttachRollout(rollout.Id);
        }
        await subFeatures.SetSharesAsync(p.Flag, block.SubFeatures, rollout.CurrentPercent, ct);
        switch (rollout.State)
        {
            case RolloutState.Promoted:
                // Every stage's passing gates, as the engine recorded them when it moved the block on.
                var moves = await db.AuditEntries.AsNoTracking().Where(a => a.RolloutId == rollout.Id).OrderBy(a => a.Id).ToListAsync(ct);
                foreach (var move in moves.Where(a => a.Action is nameof(RolloutAction.AutoAdvance) or nameof(RolloutAction.AutoPromote) or nameof(RolloutAction.Promote)))
                    foreach (var verdict in move.Verdicts)
                        p.RecordGate(new GateCheck(step.Phase, verdict.Gate, verdict.Verdict == Lens.Core.Gates.Verdict.Pass, verdict.Value, Limit(verdict),
                            $"Block {block.Letter} stage {(move.FromStage ?? 0) + 1}: {verdict.Describe()}", step.Now));
                step.Pass($"block_{block.Letter}_promoted", 100, "100%", $"Block {block.Letter} reached 100% of users.");
                p.CompletePhase(step.Phase, step.Now, $"block {block.Letter} at 100%");
                return;
            case RolloutState.RolledBack or RolloutState.Aborted:
                await subFeatures.SetSharesAsync(p.Flag, block.SubFeatures, 0m, ct);
                var failed = rollout.LatestVerdicts.Where(v => v.Verdict == Lens.Core.Gates.Verdict.Fail).ToList();
                foreach (var verdict in failed) p.RecordGate(new GateCheck(step.Phase, verdict.Gate, false, verdict.Value, Limit(verdict), verdict.Describe(), step.Now));
                var cause = failed.Count > 0
                    ? $"Block {block.Letter} rolled back at {rollout.Stages[rollout.StageIndex].Percent:0.##}%: {string.Join("; ", failed.Select(v => v.Describe()))}"
                    : $"Block {block.Letter} rollout {rollout.Id} ended {rollout.State}.";
                // A rollback has already sent traffic back: no force can undo it, so the pipeline stops here.
                p.FailPhase(step.Phase, cause, step.Now);
                return;
        }
        await HoldForCalibrationAsync(step, block, rollout, db, ct);
    }

    private async Task HoldForCalibrationAsync(PhaseStep step, CanaryBlock block, Rollout rollout, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        const string waitingForData = "waiting for calibration data";
        var atLimit = block.CalibrationNeededAbove is { } above && rollout.Stages[rollout.StageIndex].Percent >= above && rollout.StageIndex < rollout.Stages.Count - 1;
        // Data counts only when this version's candidate produced it since the block began: older impressions on the
        // flag (another version, an earlier run) say nothing about this one. Impressions are kept per day.
        var since = DateOnly.FromDateTime(step.Current.StartedAt!.Value.UtcDateTime);
        var hasData = !atLimit || await db.ImpressionAggregates.AnyAsync(a => a.Flag == p.Flag && a.Release == p.Version
            && a.Variant == ImpressionStore.Candidate && a.Day >= since, ct);
        if (atLimit && !hasData)
        {
            if (rollout.State == RolloutState.Running)
                await engine.ActAsync(rollout.Id, RolloutAction.Pause, DeploymentService.Actor(p.Id), $"block {block.Letter} needs calibration data before passing {block.CalibrationNeededAbove:0.##}%", null, ct);
            p.WaitFor($"block {block.Letter}: {waitingForData}", null);
            return;
        }
        if (rollout.State == RolloutState.Paused && p.Waiting?.EndsWith(waitingForData, StringComparison.Ordinal) == true)
            rollout = await engine.ActAsync(rollout.Id, RolloutAction.Resume, DeploymentService.Actor(p.Id), "calibration data has arrived", null, ct);
        // The hold stage asks for approval so the engine cannot pass it between two steps; with the data here the
        // pipeline gives it, unless manual promotion leaves every approval to a lead.
        if (atLimit && rollout.AwaitsApproval && !p.Request.Config.Canary.ManualPromotion)
            rollout = await engine.ActAsync(rollout.Id, RolloutAction.Approve, DeploymentService.Actor(p.Id), "calibration data for this version has arrived", rollout.StageIndex, ct);
        var stage = rollout.StageIndex + 1;
        var left = rollout.StageStartedAt is { } started ? started + rollout.CurrentStage.MinDuration - step.Now : TimeSpan.Zero;
        p.WaitFor(rollout.State == RolloutState.Paused
            ? $"block {block.Letter} stage {stage} paused: waiting for a lead"
            : left <= TimeSpan.Zero && rollout.AwaitsApproval
                ? $"block {block.Letter} stage {stage} ({rollout.CurrentPercent:0.##}%) waiting for {Rollout.AwaitingLeadApproval}"
            : left > TimeSpan.Zero
                ? $"block {block.Letter} stage {stage} ({rollout.CurrentPercent:0.##}%) holds {DeploymentPlanner.Duration(left)} more"
                : $"block {block.Letter} stage {stage} ({rollout.CurrentPercent:0.##}%) waits for its gates", left > TimeSpan.Zero ? step.Now + left : null);
    }

    private async Task CalibrationAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
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

    private async Task MonitoringAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
    {
        var p = step.Pipeline;
        if (!step.Plan.ArmCusum)
        {
            p.CompletePhase(step.Phase, step.Now, "CUSUM alarms off in the config");
            return;
        }
        var names = await WatchedDetectorsAsync(p.Flag, db, ct);
        // Resetting starts each detector's learning window now, so its baseline is the bench-validated release's behaviour.
        foreach (var name in names) await detectors.ResetAsync(name, DeploymentService.Actor(p.Id), $"armed by deployment pipeline {p.Id} for {p.Version}", ct);
        step.Pass("cusum_armed", names.Count, "every detector tied to the flag or to none", $"Armed {names.Count} CUSUM detector(s): {string.Join(", ", names)}.");
        p.CompletePhase(step.Phase, step.Now, $"{names.Count} detector(s) armed");
    }

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

    private async Task SentinelAsync(PhaseStep step, CancellationToken ct)
    {
        var p = step.Pipeline;
        IReadOnlyList<Lens.Core.Sentinel.ProbeRun> runs = sentinelOptions.Value.Configured ? await sentinel.RunRoundAsync(ct) : [];
        var passed = runs.Count(r => r.Passed);
        step.Gate("sentinel_probes", runs.Count > 0 && passed == runs.Count, runs.Count == 0 ? null : (double)passed / runs.Count, "every probe passes",
            runs.Count == 0 ? "No sentinel probe ran: none is configured (Sentinel:Endpoint)." : $"{passed}/{runs.Count} probes passed on activation.");
    }

    private async Task FinalCheckAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
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

    private static string Limit(Lens.Core.Gates.GateVerdict verdict) => Lens.Core.Gates.GateFormat.Limit(verdict);
}
