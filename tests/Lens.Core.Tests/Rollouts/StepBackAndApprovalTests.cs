using Lens.Core.Gates;
using Lens.Core.Rollouts;
using Lens.Core.Tests.Builders;

namespace Lens.Core.Tests.Rollouts;

/// <summary>Stepping back to the previous stage's share, and stages that wait for a lead's approval.</summary>
public sealed class StepBackAndApprovalTests
{
    private static readonly DateTimeOffset Later = RolloutBuilder.T0.AddMinutes(30);

    private static RolloutStage Stage(decimal percent, BreachPolicy onBreach = BreachPolicy.Rollback, ApprovalPolicy approval = ApprovalPolicy.None) =>
        new(percent, TimeSpan.FromMinutes(10), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 100), onBreach, approval);

    private static RolloutBuilder Builder(BreachPolicy onBreach = BreachPolicy.StepBack, ApprovalPolicy approval = ApprovalPolicy.Lead) =>
        new RolloutBuilder().WithStages(Stage(1m), Stage(10m, onBreach, approval), Stage(100m, onBreach, approval));

    // state, stage -> legal
    [Theory]
    [InlineData(RolloutState.Pending, 0, false)]
    [InlineData(RolloutState.Running, 0, false)]
    [InlineData(RolloutState.Running, 1, true)]
    [InlineData(RolloutState.Running, 2, true)]
    [InlineData(RolloutState.Paused, 1, true)]
    [InlineData(RolloutState.Paused, 0, false)]
    [InlineData(RolloutState.Promoted, 2, false)]
    [InlineData(RolloutState.RolledBack, 1, false)]
    [InlineData(RolloutState.Aborted, 1, false)]
    public void StepBack_InStateAtStage_IsLegalExactlyWhenThereIsALowerStage(RolloutState state, int stage, bool legal)
    {
        var rollout = Builder().AtStage(stage).InState(state).Build();
        var (revision, whyNot) = (rollout.Revision, rollout.WhyNot(RolloutAction.StepBack));

        if (legal)
        {
            var t = rollout.StepBack("lead", "p99 creeping", Later);
            Assert.Null(whyNot);
            Assert.Equal((RolloutAction.StepBack, state, stage - 1), (t.Action, rollout.State, rollout.StageIndex));
            Assert.Equal((new[] { 1m, 10m, 100m }[stage], new[] { 1m, 10m, 100m }[stage - 1]), (t.FromPercent, t.ToPercent));
        }
        else
        {
            var error = Assert.Throws<RolloutTransitionException>(() => rollout.StepBack("lead", "p99 creeping", Later));
            Assert.Equal(whyNot, error.Message);
            Assert.Equal((state, revision), (rollout.State, rollout.Revision));
        }
    }

    [Fact]
    public void StepBack_Running_RestartsTheLowerStagesClock()
    {
        var rollout = Builder().AtStage(2).Build();

        rollout.StepBack("lead", "memory climbing", Later);

        Assert.Equal(Later, rollout.StageStartedAt);
        Assert.Equal(TimeSpan.FromMinutes(10), rollout.TimeUntilAdvance(Later));
    }

    [Fact]
    public void RecordEvaluation_FirstBreachUnderStepBack_ReturnsToThePreviousStage()
    {
        var rollout = Builder().AtStage(2).Build();

        var t = rollout.RecordEvaluation(Verdicts.P99Fails(), Later)!;

        Assert.Equal((RolloutAction.AutoStepBack, RolloutState.Running, 1, 10m), (t.Action, rollout.State, rollout.StageIndex, rollout.CurrentPercent));
        Assert.Contains("Stepped back to stage 2 (10%)", t.Reason);
        Assert.Contains("p99 latency 350 ms", t.Reason);
        Assert.True(t.IsAutomatic);
        Assert.Equal(1, rollout.StepBackBreaches);
    }

    [Fact]
    public void RecordEvaluation_SecondBreachAfterStepBack_RollsBack()
    {
        var rollout = Builder(approval: ApprovalPolicy.None).AtStage(2).Build();
        rollout.RecordEvaluation(Verdicts.P99Fails(), Later);
        rollout.RecordEvaluation(Verdicts.AllPass(), Later.AddMinutes(10)); // back up to stage 3

        Assert.Equal(2, rollout.StageIndex);
        var t = rollout.RecordEvaluation(Verdicts.P99Fails(), Later.AddMinutes(11))!;

        Assert.Equal((RolloutAction.AutoRollback, RolloutState.RolledBack), (t.Action, rollout.State));
        Assert.Contains("second breach", t.Reason);
    }

    [Fact]
    public void RecordEvaluation_BreachUnderRollbackPolicy_RollsBackAtOnce()
    {
        var rollout = Builder(onBreach: BreachPolicy.Rollback).AtStage(2).Build();

        Assert.Equal(RolloutAction.AutoRollback, rollout.RecordEvaluation(Verdicts.P99Fails(), Later)!.Action);
    }

    [Fact]
    public void Create_StepBackOnTheFirstStage_IsRefusedNamingTheField()
    {
        var error = Assert.Single(StagePlan.Validate([Stage(1m, BreachPolicy.StepBack), Stage(10m)]));
        Assert.Equal("stages[0].onBreach", error.Field);
    }

    [Fact]
    public void RecordEvaluation_ApprovalStageReadyWithoutApproval_HoldsAndSaysWhoItWaitsFor()
    {
        var rollout = Builder().AtStage(1).Build();

        Assert.Null(rollout.RecordEvaluation(Verdicts.AllPass(), Later));

        Assert.Equal((1, "approval by a lead"), (rollout.StageIndex, rollout.WaitingFor));
        Assert.True(rollout.AwaitsApproval);
        Assert.False(rollout.ReadyToAdvance(Verdicts.AllPass(), Later));
    }

    [Fact]
    public void RecordEvaluation_AfterApproval_Advances()
    {
        var rollout = Builder().AtStage(1).Build();
        rollout.RecordEvaluation(Verdicts.AllPass(), Later);

        var approval = rollout.Approve("lead", "dashboards look fine", Later);
        var t = rollout.RecordEvaluation(Verdicts.AllPass(), Later.AddSeconds(10))!;

        Assert.Equal((RolloutAction.Approve, 1, 1), (approval.Action, approval.FromStage, approval.ToStage));
        Assert.Equal((RolloutAction.AutoAdvance, 2), (t.Action, rollout.StageIndex));
        Assert.Null(rollout.ApprovedStageIndex);
        Assert.True(rollout.AwaitsApproval); // the next stage asks again
    }

    // stage asks for approval, already approved, state -> legal
    [Theory]
    [InlineData(true, false, RolloutState.Running, true)]
    [InlineData(true, false, RolloutState.Paused, true)]
    [InlineData(true, true, RolloutState.Running, false)]
    [InlineData(false, false, RolloutState.Running, false)]
    [InlineData(true, false, RolloutState.Pending, false)]
    [InlineData(true, false, RolloutState.RolledBack, false)]
    [InlineData(true, false, RolloutState.Promoted, false)]
    public void Approve_InEveryCase_IsLegalExactlyWhenTheStageWaitsForIt(bool asks, bool approved, RolloutState state, bool legal)
    {
        var rollout = Builder(approval: asks ? ApprovalPolicy.Lead : ApprovalPolicy.None).AtStage(state == RolloutState.Pending ? 0 : 1).InState(state).Build();
        if (approved) rollout.Approve("bob", "fine", Later);
        var whyNot = rollout.WhyNot(RolloutAction.Approve);

        if (legal)
        {
            rollout.Approve("alice", "fine", Later);
            Assert.Null(whyNot);
            Assert.Equal(("alice", state), (rollout.ApprovedBy, rollout.State));
        }
        else
        {
            var error = Assert.Throws<RolloutTransitionException>(() => rollout.Approve("alice", "fine", Later));
            Assert.Equal(whyNot, error.Message);
        }
    }

    [Fact]
    public void RecordEvaluation_ConfirmationHeld_HoldsWithTheReceiversWord()
    {
        var rollout = new RolloutBuilder().Build();

        Assert.True(rollout.ReadyToAdvance(Verdicts.AllPass(), Later));
        Assert.Null(rollout.RecordEvaluation(Verdicts.AllPass(), Later, "confirmation from http://hook/ (answered 403)"));

        Assert.Equal((0, "confirmation from http://hook/ (answered 403)"), (rollout.StageIndex, rollout.WaitingFor));
        Assert.NotNull(rollout.RecordEvaluation(Verdicts.AllPass(), Later.AddSeconds(5)));
    }

    [Fact]
    public void RollbackAutomatically_Running_RollsBackAsTheEngine()
    {
        var rollout = new RolloutBuilder().AtStage(1).Build();

        var t = rollout.RollbackAutomatically("drift held 25 h", Later);

        Assert.Equal((RolloutAction.AutoRollback, Rollout.EngineActor, RolloutState.RolledBack), (t.Action, t.Actor, rollout.State));
    }
}
