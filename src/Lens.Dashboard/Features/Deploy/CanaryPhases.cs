using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Canary blocks A, B and C: each block is one rollout on the pipeline's flag with its sub-features' shares following
/// it, held below its calibration limit until this version's canary has produced impressions.
/// </summary>
public sealed class CanaryPhases(RolloutEngine engine, SubFeatureControls subFeatures)
{
    internal async Task CanaryAsync(PhaseStep step, LensDbContext db, CancellationToken ct)
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

    private static string Limit(Lens.Core.Gates.GateVerdict verdict) => Lens.Core.Gates.GateFormat.Limit(verdict);
}
