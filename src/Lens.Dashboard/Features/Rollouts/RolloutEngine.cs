using Lens.Dashboard.Http;
using Lens.Dashboard.Hosting;
using System.Collections.Concurrent;
using Lens.Core.Alerts;
using Lens.Core.Flags;
using Lens.Core.Gates;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// Loads a rollout, asks the aggregate to change, saves the change with its audit record and flag, then
/// tells everyone. One lock per rollout serialises people, the scheduled job and ingest triggers, so two
/// leads promoting the same stage make exactly one transition.
/// </summary>
public sealed class RolloutEngine(
    IDbContextFactory<LensDbContext> dbFactory,
    TimeProvider clock,
    LiveMetrics metrics,
    FlagDirectory flags,
    LensEvents events,
    AlertService alerts,
    SampleRatioAlerts sampleRatioAlerts,
    ConfirmWebhooks confirmations,
    IOptions<AlertOptions> alertOptions,
    IHostApplicationLifetime lifetime,
    ILogger<RolloutEngine> logger)
{
    private static readonly RolloutState[] Active = [RolloutState.Pending, RolloutState.Running, RolloutState.Paused];
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();
    private readonly SemaphoreSlim _createLock = new(1, 1);

    public async Task<Rollout> CreateAsync(string releaseVersion, string flagKey, IReadOnlyList<RolloutStage> stages, string? planName,
        string actor, CancellationToken ct = default)
    {
        await _createLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await db.Releases.AnyAsync(r => r.Version == releaseVersion, ct))
                throw new LensRequestException("releaseVersion", $"There is no release '{releaseVersion}'. Create it first with POST /api/releases.", StatusCodes.Status422UnprocessableEntity);
            var driving = await db.Rollouts.Where(r => r.Flag == flagKey && Active.Contains(r.State)).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
            if (driving is { } other)
                throw new LensRequestException("flag", $"Flag '{flagKey}' is already driven by rollout {other}; finish or abort it first.", StatusCodes.Status409Conflict);

            var now = clock.GetUtcNow();
            var rollout = Rollout.Create(flagKey, releaseVersion, stages, planName, now);
            var started = rollout.Start(actor, planName is null ? "rollout created with custom stages" : $"rollout created with plan {planName}", now);
            db.Rollouts.Add(rollout);
            db.AuditEntries.Add(AuditEntry.For(started));
            var flag = await SaveWithFlagAsync(db, rollout, ct);
            AfterChange(rollout, flag, started);
            return rollout;
        }
        finally
        {
            _createLock.Release();
        }
    }

    public async Task<Rollout> ActAsync(Guid id, RolloutAction action, string actor, string reason, int? expectedStageIndex, CancellationToken ct = default)
    {
        var rollout = await ActLockedAsync(id, action, actor, reason, expectedStageIndex, ct);
        // An approval given to a stage that is already ready should not wait for the next tick to take effect. The
        // scheduled evaluation may get there first, so the answer is read afresh either way.
        if (action == RolloutAction.Approve)
        {
            await EvaluateAsync(id, ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Rollouts.AsNoTracking().FirstAsync(r => r.Id == id, ct);
        }
        return rollout;
    }

    private async Task<Rollout> ActLockedAsync(Guid id, RolloutAction action, string actor, string reason, int? expectedStageIndex, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(id, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rollout = await db.Rollouts.FindAsync([id], ct)
                ?? throw new LensRequestException("id", $"There is no rollout {id}.", StatusCodes.Status404NotFound);
            var now = clock.GetUtcNow();
            var transition = action switch
            {
                RolloutAction.Promote => rollout.Promote(expectedStageIndex ?? throw new LensRequestException("expectedStageIndex",
                    "Promote needs expectedStageIndex: the stage you are promoting from, as you saw it.", StatusCodes.Status400BadRequest), actor, reason, now),
                RolloutAction.Pause => rollout.Pause(actor, reason, now),
                RolloutAction.Resume => rollout.Resume(actor, reason, now),
                RolloutAction.Rollback => rollout.Rollback(actor, reason, now),
                RolloutAction.Abort => rollout.Abort(actor, reason, now),
                RolloutAction.StepBack => rollout.StepBack(actor, reason, now),
                RolloutAction.Approve => rollout.Approve(actor, reason, now),
                _ => throw new LensRequestException("action", $"{action} is not an action people take.", StatusCodes.Status400BadRequest),
            };
            db.AuditEntries.Add(AuditEntry.For(transition));
            var flag = await SaveWithFlagAsync(db, rollout, ct);
            AfterChange(rollout, flag, transition);
            await sampleRatioAlerts.TransitionedAsync(rollout, ct);
            return rollout;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Rolls back a live rollout for a reason outside its gates (a drift alarm held too long), as the engine, with an
    /// alert. Null when the rollout has already ended or not started: nothing to roll back.
    /// </summary>
    public async Task<RolloutTransition?> RollbackAutomaticallyAsync(Guid id, string reason, CancellationToken ct = default)
    {
        var gate = _locks.GetOrAdd(id, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (lifetime.IsStopping()) return null;
            var rollout = await db.Rollouts.FindAsync([id], ct);
            if (rollout is null || rollout.WhyNot(RolloutAction.Rollback) is not null) return null;
            var transition = rollout.RollbackAutomatically(reason, clock.GetUtcNow());
            db.AuditEntries.Add(AuditEntry.For(transition));
            var flag = await SaveWithFlagAsync(db, rollout, ct);
            logger.LogWarning("Rollout {Id} {Action}: {Reason}", id, transition.Action, transition.Reason);
            AfterChange(rollout, flag, transition);
            await alerts.TryRaiseAsync(AlertFor(rollout, transition), ct);
            await sampleRatioAlerts.TransitionedAsync(rollout, ct);
            return transition;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Judges a running rollout's current stage on its window and acts on the verdicts. Null when nothing moved.</summary>
    public async Task<RolloutTransition?> EvaluateAsync(Guid id, CancellationToken ct = default)
    {
        var gate = _locks.GetOrAdd(id, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // A stopping app takes no automatic action: its traffic and its probes are winding down, not telling the truth.
            if (lifetime.IsStopping()) return null;
            var rollout = await db.Rollouts.FindAsync([id], ct);
            // Under a kill switch the candidate serves nobody; judging it would only record silence.
            if (rollout is not { State: RolloutState.Running } || flags.KillSwitchActive) return null;

            var flagMetrics = metrics.For(rollout.Flag);
            flagMetrics.SetStage(StageOf(rollout));
            var window = flagMetrics.StageWindow();
            var sampleRatio = SampleRatioCheck.Judge(window.Baseline.Requests, window.Candidate.Requests, rollout.CurrentPercent);
            var verdicts = GateEvaluator.Evaluate(rollout.CurrentStage.Gates, window, sampleRatio?.Mismatch == true);
            var now = clock.GetUtcNow();
            var stageIndex = rollout.StageIndex;
            // Receivers hear only when the stage would otherwise advance, as Flagger's confirm-promotion does.
            var hold = rollout.CurrentStage.ConfirmUrls is { Count: > 0 } && rollout.ReadyToAdvance(verdicts, now)
                ? await confirmations.AskAsync(rollout, ct)
                : null;
            var transition = rollout.RecordEvaluation(verdicts, now, hold);
            db.GateVerdicts.AddRange(verdicts.Select(v => GateVerdictRecord.From(rollout.Id, stageIndex, now, v)));
            if (transition is null)
            {
                // Nothing moved, so the flag is untouched: no flag lock, no flag row, on the common path.
                await db.SaveChangesAsync(ct);
                events.Publish(new LensEvent(LensEvent.VerdictsRecorded, now, rollout.Id, rollout.Flag));
                await sampleRatioAlerts.CheckedAsync(rollout, sampleRatio, ct);
                if (StuckFor(rollout, verdicts, now) is { } stuck)
                    await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.StuckStage(rollout.Id, stageIndex), AlertSeverity.Warn, AlertSource.StuckStage,
                        $"{rollout.Flag} stage {stageIndex + 1} is stuck without enough data",
                        $"Still short of data {stuck.TotalMinutes:0} min after the stage's minimum duration; it cannot advance until traffic reaches the gates' sample sizes.",
                        rollout.ReleaseVersion, rollout.Id, stageIndex, verdicts), ct);
                return null;
            }
            if (lifetime.IsStopping()) return null;
            db.AuditEntries.Add(AuditEntry.For(transition));
            var flag = await SaveWithFlagAsync(db, rollout, ct);
            logger.LogInformation("Rollout {Id} {Action}: {Reason}", id, transition.Action, transition.Reason);
            AfterChange(rollout, flag, transition);
            await alerts.TryRaiseAsync(AlertFor(rollout, transition), ct);
            await sampleRatioAlerts.TransitionedAsync(rollout, ct);
            return transition;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task EvaluateRunningAsync(CancellationToken ct = default)
    {
        List<Guid> running;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            running = await db.Rollouts.Where(r => r.State == RolloutState.Running).Select(r => r.Id).ToListAsync(ct);
        foreach (var id in running)
        {
            try { await EvaluateAsync(id, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Evaluating rollout {Id} failed", id); }
        }
    }

    public static ActiveStage? StageOf(Rollout rollout) =>
        rollout is { State: RolloutState.Running, StageStartedAt: { } started }
            ? new ActiveStage(rollout.Id, rollout.StageIndex, rollout.CurrentStage.Gates, started)
            : null;

    /// <summary>How long past its minimum duration plus Alerts:StuckStageAfter a stage has gone short of data; null when it is not stuck.</summary>
    private TimeSpan? StuckFor(Rollout rollout, IReadOnlyList<GateVerdict> verdicts, DateTimeOffset now)
    {
        if (rollout.StageStartedAt is not { } started || !verdicts.Any(v => v.Verdict == Verdict.InsufficientData)) return null;
        var over = now - started - rollout.CurrentStage.MinDuration;
        return over >= alertOptions.Value.StuckStageAfter ? over : null;
    }

    /// <summary>Every automatic transition is announced: a rollback loudly, a pause for a person as a warning, an advance quietly.</summary>
    private static AlertSignal AlertFor(Rollout rollout, RolloutTransition t) => t.Action == RolloutAction.AutoStepBack
        ? new AlertSignal(AlertKeys.StepBack(rollout.Id, t.FromStage), AlertSeverity.Warn, AlertSource.Rollout,
            $"{rollout.Flag} stepped back from stage {t.FromStage + 1} to stage {t.ToStage + 1} ({t.ToPercent:0.##}%) automatically", t.Reason,
            rollout.ReleaseVersion, rollout.Id, t.FromStage, t.Verdicts)
        : t.Action == RolloutAction.AutoPause
        ? new AlertSignal(AlertKeys.InconclusivePause(rollout.Id, t.FromStage), AlertSeverity.Warn, AlertSource.Rollout,
            $"{rollout.Flag} paused at stage {t.FromStage + 1}: the evidence stays inconclusive, a person decides", t.Reason, rollout.ReleaseVersion, rollout.Id, t.FromStage, t.Verdicts)
        : t.Action == RolloutAction.AutoRollback
        ? new AlertSignal(AlertKeys.Rollback(rollout.Id), AlertSeverity.High, AlertSource.Rollout,
            $"{rollout.Flag} rolled back automatically from stage {t.FromStage + 1}", t.Reason, rollout.ReleaseVersion, rollout.Id, t.FromStage, t.Verdicts)
        : new AlertSignal(AlertKeys.Advance(rollout.Id, t.ToStage), AlertSeverity.Info, AlertSource.Rollout,
            t.Action == RolloutAction.AutoPromote ? $"{rollout.Flag} promoted to 100% automatically" : $"{rollout.Flag} advanced to stage {t.ToStage + 1} automatically",
            t.Reason, rollout.ReleaseVersion, rollout.Id, t.ToStage, t.Verdicts, Routine: true);

    private async Task<Flag> SaveWithFlagAsync(LensDbContext db, Rollout rollout, CancellationToken ct)
    {
        await flags.WriteLock.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var flag = await db.Flags.FindAsync([rollout.Flag], ct);
            if (flag is null)
            {
                flag = Flag.Create(rollout.Flag, now);
                db.Flags.Add(flag);
            }
            flag.Drive(rollout.Id, rollout.CurrentPercent, now);
            await db.SaveChangesAsync(ct);
            return flag;
        }
        finally
        {
            flags.WriteLock.Release();
        }
    }

    private void AfterChange(Rollout rollout, Flag flag, RolloutTransition transition)
    {
        metrics.For(rollout.Flag).SetStage(StageOf(rollout));
        flags.Set(flag.ToState(flags.KillSwitchActive));
        events.Publish(new LensEvent(LensEvent.RolloutChanged, transition.At, rollout.Id, rollout.Flag, transition));
    }
}
