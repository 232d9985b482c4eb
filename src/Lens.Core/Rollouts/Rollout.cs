using Lens.Core.Gates;
using Lens.Core.Text;

namespace Lens.Core.Rollouts;

/// <summary>
/// The aggregate that moves one flag from baseline to candidate through stages. State changes only
/// through its methods; each returns the <see cref="RolloutTransition"/> it made, and every illegal
/// transition throws <see cref="RolloutTransitionException"/>.
/// </summary>
public sealed partial class Rollout
{
    public const string EngineActor = "rollout-engine";

    private Rollout() { }

    public Guid Id { get; private set; }
    public string Flag { get; private set; } = "";
    public string ReleaseVersion { get; private set; } = "";
    public string? PlanName { get; private set; }
    public RolloutState State { get; private set; }
    public int StageIndex { get; private set; }
    public IReadOnlyList<RolloutStage> Stages { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>When the current stage's clock started: entering the stage, or resuming into it.</summary>
    public DateTimeOffset? StageStartedAt { get; private set; }
    public DateTimeOffset? LastEvaluatedAt { get; private set; }
    public IReadOnlyList<GateVerdict> LatestVerdicts { get; private set; } = [];
    /// <summary>Consecutive failing evaluations per gate in the current stage.</summary>
    public IReadOnlyDictionary<string, int> FailureStreaks { get; private set; } = new Dictionary<string, int>();
    /// <summary>Evaluations in a row with at least one Inconclusive gate in the current stage.</summary>
    public int InconclusiveStreak { get; private set; }
    /// <summary>
    /// What holds a stage whose time is up and whose gates pass: <see cref="AwaitingLeadApproval"/>, or a confirm webhook
    /// that did not answer 2xx. Null when nothing but time and gates holds it.
    /// </summary>
    public string? WaitingFor { get; private set; }
    /// <summary>Bumped on every change; the store uses it to refuse lost updates.</summary>
    public int Revision { get; private set; }

    public RolloutStage CurrentStage => Stages[StageIndex];
    public bool IsTerminal => State is RolloutState.Promoted or RolloutState.RolledBack or RolloutState.Aborted;

    /// <summary>The candidate's intended share of traffic right now.</summary>
    public decimal CurrentPercent => State switch
    {
        RolloutState.Running or RolloutState.Paused => Stages[StageIndex].Percent,
        RolloutState.Promoted => 100m,
        _ => 0m,
    };

    public static Rollout Create(string flag, string releaseVersion, IReadOnlyList<RolloutStage> stages, string? planName, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(flag)) throw new ArgumentException("A rollout needs a flag.", nameof(flag));
        if (string.IsNullOrWhiteSpace(releaseVersion)) throw new ArgumentException("A rollout needs a release version.", nameof(releaseVersion));
        var errors = StagePlan.Validate(stages);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(stages));

        return new Rollout
        {
            Id = Guid.NewGuid(),
            Flag = flag,
            ReleaseVersion = releaseVersion,
            PlanName = planName,
            State = RolloutState.Pending,
            Stages = stages.ToArray(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public RolloutTransition Start(string actor, string reason, DateTimeOffset now)
    {
        Require(RolloutAction.Start);
        return Move(RolloutAction.Start, actor, reason, RolloutState.Running, 0, now, []);
    }

    /// <summary>Moves to the next stage, or to Promoted from the last. <paramref name="expectedStageIndex"/>
    /// is the stage the person saw, so two people promoting the same stage make one transition.</summary>
    public RolloutTransition Promote(int expectedStageIndex, string actor, string reason, DateTimeOffset now)
    {
        RequireHuman(RolloutAction.Promote, actor, reason);
        Require(RolloutAction.Promote);
        if (expectedStageIndex != StageIndex)
            throw new RolloutTransitionException(RolloutAction.Promote, State,
                $"The rollout is at stage {StageIndex + 1}, not stage {expectedStageIndex + 1} as expected: it has moved on since you looked.");
        return StageIndex == Stages.Count - 1
            ? Move(RolloutAction.Promote, actor, reason, RolloutState.Promoted, StageIndex, now, LatestVerdicts)
            : Move(RolloutAction.Promote, actor, reason, RolloutState.Running, StageIndex + 1, now, LatestVerdicts);
    }

    public RolloutTransition Pause(string actor, string reason, DateTimeOffset now)
    {
        RequireHuman(RolloutAction.Pause, actor, reason);
        Require(RolloutAction.Pause);
        return Move(RolloutAction.Pause, actor, reason, RolloutState.Paused, StageIndex, now, LatestVerdicts);
    }

    /// <summary>Resuming restarts the stage clock: a stage's minimum duration is uninterrupted running time.</summary>
    public RolloutTransition Resume(string actor, string reason, DateTimeOffset now)
    {
        RequireHuman(RolloutAction.Resume, actor, reason);
        Require(RolloutAction.Resume);
        return Move(RolloutAction.Resume, actor, reason, RolloutState.Running, StageIndex, now, []);
    }

    public RolloutTransition Rollback(string actor, string reason, DateTimeOffset now)
    {
        RequireHuman(RolloutAction.Rollback, actor, reason);
        Require(RolloutAction.Rollback);
        return Move(RolloutAction.Rollback, actor, reason, RolloutState.RolledBack, StageIndex, now, LatestVerdicts);
    }

    /// <summary>A rollback the engine decides on outside the gates (a drift alarm held too long), with its reason.</summary>
    public RolloutTransition RollbackAutomatically(string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new RolloutTransitionException(RolloutAction.AutoRollback, State, "An automatic rollback needs a reason.");
        Require(RolloutAction.Rollback);
        return Move(RolloutAction.AutoRollback, EngineActor, reason, RolloutState.RolledBack, StageIndex, now, LatestVerdicts);
    }

    public RolloutTransition Abort(string actor, string reason, DateTimeOffset now)
    {
        RequireHuman(RolloutAction.Abort, actor, reason);
        Require(RolloutAction.Abort);
        return Move(RolloutAction.Abort, actor, reason, RolloutState.Aborted, StageIndex, now, LatestVerdicts);
    }

    /// <summary>
    /// Records one evaluation of the current stage's gates. Rolls back when any gate has failed
    /// FailureLimit times in a row; advances when the minimum duration has passed and every gate
    /// passes; otherwise returns null and the rollout holds. Under a step-back policy the first breach returns to the
    /// previous stage instead of rolling back. A stage that asks for approval holds until a lead gives it, and
    /// <paramref name="confirmationHold"/> (a confirm webhook that said no) holds it too.
    /// </summary>
    public RolloutTransition? RecordEvaluation(IReadOnlyList<GateVerdict> verdicts, DateTimeOffset now, string? confirmationHold = null)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        Require(RolloutAction.AutoAdvance);
        LatestVerdicts = verdicts.ToArray();
        LastEvaluatedAt = now;
        UpdatedAt = now;
        Revision++;

        var streaks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var verdict in verdicts)
            streaks[verdict.Gate] = verdict.Verdict == Verdict.Fail ? FailureStreaks.GetValueOrDefault(verdict.Gate) + 1 : 0;
        FailureStreaks = streaks;

        var limit = CurrentStage.Gates.FailureLimit;
        var breached = verdicts.FirstOrDefault(v => v.Verdict == Verdict.Fail && streaks[v.Gate] >= limit);
        if (breached is not null)
        {
            var reason = $"{breached.Describe()}; failed {streaks[breached.Gate]} time(s) in a row (limit {limit}).";
            return MeetBreach(reason, now);
        }

        var inconclusive = verdicts.FirstOrDefault(v => v.Verdict == Verdict.Inconclusive);
        InconclusiveStreak = inconclusive is null ? 0 : InconclusiveStreak + 1;
        var inconclusiveLimit = CurrentStage.Gates.InconclusiveLimit;
        if (inconclusive is not null && inconclusiveLimit > 0 && InconclusiveStreak >= inconclusiveLimit)
        {
            var reason = $"{inconclusive.Describe()}; inconclusive {InconclusiveStreak} time(s) in a row (limit {inconclusiveLimit}): a person decides.";
            InconclusiveStreak = 0;
            return Move(RolloutAction.AutoPause, EngineActor, reason, RolloutState.Paused, StageIndex, now, LatestVerdicts);
        }

        if (TimeUntilAdvance(now) > TimeSpan.Zero || verdicts.Any(v => v.Verdict != Verdict.Pass))
        {
            WaitingFor = null;
            return null;
        }
        if (AwaitsApproval || confirmationHold is not null)
        {
            WaitingFor = AwaitsApproval ? AwaitingLeadApproval : confirmationHold!.Trim();
            return null;
        }

        var held = StageStartedAt is { } started ? now - started : TimeSpan.Zero;
        var why = $"Stage {StageIndex + 1} held {Whole(held)} (minimum {Whole(CurrentStage.MinDuration)}) and every gate passed.";
        return StageIndex == Stages.Count - 1
            ? Move(RolloutAction.AutoPromote, EngineActor, why, RolloutState.Promoted, StageIndex, now, LatestVerdicts)
            : Move(RolloutAction.AutoAdvance, EngineActor, why, RolloutState.Running, StageIndex + 1, now, LatestVerdicts);
    }

    /// <summary>
    /// Whether these verdicts would advance the stage now, leaving confirm webhooks aside: the engine asks the webhooks only
    /// then, so a receiver hears once per ready evaluation, never while the stage is still young or failing.
    /// </summary>
    public bool ReadyToAdvance(IReadOnlyList<GateVerdict> verdicts, DateTimeOffset now) =>
        State == RolloutState.Running && !AwaitsApproval && TimeUntilAdvance(now) == TimeSpan.Zero
        && verdicts.All(v => v.Verdict == Verdict.Pass);

    /// <summary>Time left before the current stage may advance; zero once its minimum duration has passed.</summary>
    public TimeSpan TimeUntilAdvance(DateTimeOffset now)
    {
        if (State != RolloutState.Running || StageStartedAt is not { } started) return TimeSpan.Zero;
        var left = CurrentStage.MinDuration - (now - started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Whether an action is legal now, and if not, why: the same rule the methods enforce.</summary>
    public string? WhyNot(RolloutAction action)
    {
        var allowed = AllowedStates(action);
        if (!allowed.Contains(State))
            return $"Cannot {Verb(action)} a rollout that is {State}; {Verb(action)} is allowed only when {string.Join(" or ", allowed)}.";
        return WhyNotJudgement(action);
    }

    // The one table of legal transitions: the action methods enforce it and WhyNot explains it.
    private static RolloutState[] AllowedStates(RolloutAction action) => action switch
    {
        RolloutAction.Start => [RolloutState.Pending],
        RolloutAction.Resume => [RolloutState.Paused],
        RolloutAction.Rollback => [RolloutState.Running, RolloutState.Paused],
        RolloutAction.Abort => [RolloutState.Pending, RolloutState.Running, RolloutState.Paused],
        RolloutAction.StepBack or RolloutAction.Approve => [RolloutState.Running, RolloutState.Paused],
        _ => [RolloutState.Running], // Promote, Pause and the engine's evaluation
    };

    private void Require(RolloutAction action)
    {
        if (WhyNot(action) is { } why) throw new RolloutTransitionException(action, State, why);
    }

    private void RequireHuman(RolloutAction action, string actor, string reason)
    {
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason))
            throw new RolloutTransitionException(action, State, $"To {Verb(action)} a rollout, say who you are (actor) and why (reason).");
    }

    private RolloutTransition Move(RolloutAction action, string actor, string reason, RolloutState to, int toStage,
        DateTimeOffset now, IReadOnlyList<GateVerdict> evidence)
    {
        var transition = new RolloutTransition(Id, action, actor.Trim(), reason.Trim(), State, to, StageIndex, toStage,
            CurrentPercent, 0m, now, evidence.ToArray());
        // Entering a stage, or resuming into one, starts a fresh clock and a fresh record of verdicts.
        var entersRunningPeriod = to == RolloutState.Running && (toStage != StageIndex || State != RolloutState.Running);
        if (toStage != StageIndex)
        {
            ApprovedStageIndex = null;
            ApprovedBy = null;
        }
        WaitingFor = null;
        State = to;
        StageIndex = toStage;
        if (entersRunningPeriod)
        {
            StageStartedAt = now;
            FailureStreaks = new Dictionary<string, int>();
            InconclusiveStreak = 0;
            LatestVerdicts = [];
        }
        UpdatedAt = now;
        Revision++;
        return transition with { ToPercent = CurrentPercent };
    }

    private static string Whole(TimeSpan span) => DurationText.Of(TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds)));

    private static string Verb(RolloutAction action) => action switch
    {
        RolloutAction.AutoAdvance or RolloutAction.AutoPromote or RolloutAction.AutoRollback or RolloutAction.AutoPause or RolloutAction.AutoStepBack => "evaluate",
        RolloutAction.StepBack => "step back",
        _ => action.ToString().ToLowerInvariant(),
    };
}
