namespace Lens.Core.Rollouts;

// The judgement calls on a rollout — stepping back to a lower share and a lead's approval — kept apart from
// the core state machine in Rollout.cs so each file stays readable; both halves change state only through Move.
public sealed partial class Rollout
{
    /// <summary>What <see cref="WaitingFor"/> says while a stage that asks for a lead's approval has none.</summary>
    public const string AwaitingLeadApproval = "approval by a lead";

    /// <summary>Breaches met by stepping back instead of rolling back; once there has been one, the next breach rolls back.</summary>
    public int StepBackBreaches { get; private set; }
    /// <summary>The stage a lead approved to advance (null: none), and who; cleared when the rollout changes stage.</summary>
    public int? ApprovedStageIndex { get; private set; }
    public string? ApprovedBy { get; private set; }

    /// <summary>The current stage asks for a lead's approval and has not had it.</summary>
    public bool AwaitsApproval => State is RolloutState.Running or RolloutState.Paused
        && CurrentStage.Approval == ApprovalPolicy.Lead && ApprovedStageIndex != StageIndex;

    /// <summary>Returns traffic to the previous stage's share; a paused rollout stays paused. The lower stage's clock starts again.</summary>
    public RolloutTransition StepBack(string actor, string reason, DateTimeOffset now)
    {
        RequireHuman(RolloutAction.StepBack, actor, reason);
        Require(RolloutAction.StepBack);
        return Move(RolloutAction.StepBack, actor, reason, State, StageIndex - 1, now, LatestVerdicts);
    }

    /// <summary>Approves the current stage's advance. It still advances only when its time is up and its gates pass.</summary>
    public RolloutTransition Approve(string actor, string reason, DateTimeOffset now)
    {
        RequireHuman(RolloutAction.Approve, actor, reason);
        Require(RolloutAction.Approve);
        ApprovedStageIndex = StageIndex;
        ApprovedBy = actor.Trim();
        return Move(RolloutAction.Approve, actor, reason, State, StageIndex, now, LatestVerdicts);
    }

    // A gate breach: under a step-back policy the first one returns to the previous stage; any other rolls back.
    private RolloutTransition MeetBreach(string reason, DateTimeOffset now)
    {
        if (CurrentStage.OnBreach == BreachPolicy.StepBack && StageIndex > 0 && StepBackBreaches == 0)
        {
            StepBackBreaches++;
            var back = Stages[StageIndex - 1].Percent;
            return Move(RolloutAction.AutoStepBack, EngineActor,
                $"{reason} Stepped back to stage {StageIndex} ({back:0.##}%) as the stage's policy says; a second breach rolls back.",
                RolloutState.Running, StageIndex - 1, now, LatestVerdicts);
        }
        if (StepBackBreaches > 0) reason += " A second breach after stepping back: rolling back.";
        return Move(RolloutAction.AutoRollback, EngineActor, reason, RolloutState.RolledBack, StageIndex, now, LatestVerdicts);
    }

    // The step-back and approval rules beyond the state table; WhyNot consults them after the state check passes.
    private string? WhyNotJudgement(RolloutAction action) => action switch
    {
        RolloutAction.StepBack when StageIndex == 0 =>
            "Cannot step back from the first stage: there is no lower share to return to; roll back instead.",
        RolloutAction.Approve when CurrentStage.Approval != ApprovalPolicy.Lead =>
            $"Cannot approve stage {StageIndex + 1}: it does not ask for approval.",
        RolloutAction.Approve when ApprovedStageIndex == StageIndex =>
            $"Cannot approve stage {StageIndex + 1}: {ApprovedBy} has already approved it.",
        _ => null,
    };
}
