using Lens.Core.Rollouts;
using Lens.Core.Tests.Builders;

namespace Lens.Core.Tests.Rollouts;

public class RolloutTransitionTests
{
    private static readonly DateTimeOffset Now = RolloutBuilder.T0.AddMinutes(1);

    // Every (state, action) pair a person can attempt, and whether it is legal.
    public static TheoryData<RolloutState, RolloutAction, bool> Table()
    {
        var legal = new Dictionary<RolloutAction, RolloutState[]>
        {
            [RolloutAction.Start] = [RolloutState.Pending],
            [RolloutAction.Promote] = [RolloutState.Running],
            [RolloutAction.Pause] = [RolloutState.Running],
            [RolloutAction.Resume] = [RolloutState.Paused],
            [RolloutAction.Rollback] = [RolloutState.Running, RolloutState.Paused],
            [RolloutAction.Abort] = [RolloutState.Pending, RolloutState.Running, RolloutState.Paused],
        };
        var data = new TheoryData<RolloutState, RolloutAction, bool>();
        foreach (var state in Enum.GetValues<RolloutState>())
            foreach (var (action, allowed) in legal)
                data.Add(state, action, allowed.Contains(state));
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Act_InEveryState_IsLegalExactlyWhereTheTableSays(RolloutState state, RolloutAction action, bool legal)
    {
        var rollout = new RolloutBuilder().InState(state).Build();
        Assert.Equal(state, rollout.State);
        var revision = rollout.Revision;
        var whyNot = rollout.WhyNot(action);

        var act = () => Act(rollout, action);

        if (legal)
        {
            var transition = act();
            Assert.Equal(state, transition.FromState);
            Assert.Equal(action, transition.Action);
            Assert.Equal(rollout.State, transition.ToState);
            Assert.Null(whyNot);
        }
        else
        {
            var error = Assert.Throws<RolloutTransitionException>(act);
            Assert.Equal(action, error.Action);
            Assert.Equal(state, error.State);
            Assert.Contains(state.ToString(), error.Message);
            Assert.Equal(state, rollout.State);
            Assert.Equal(revision, rollout.Revision);
            Assert.Equal(error.Message, whyNot);
        }
    }

    [Theory]
    [InlineData(RolloutState.Pending, RolloutState.Running, 0, 1)]
    [InlineData(RolloutState.Paused, RolloutState.Running, 0, 1)]
    public void StartOrResume_FromState_EntersRunningAtCurrentStage(RolloutState from, RolloutState to, int stage, double percent)
    {
        var rollout = new RolloutBuilder().InState(from).Build();
        var t = from == RolloutState.Pending ? rollout.Start("lead", "go", Now) : rollout.Resume("lead", "go", Now);
        Assert.Equal(to, rollout.State);
        Assert.Equal(stage, rollout.StageIndex);
        Assert.Equal((decimal)percent, t.ToPercent);
        Assert.Equal(Now, rollout.StageStartedAt);
    }

    [Fact]
    public void Promote_AtLastStage_BecomesPromotedAtFullTraffic()
    {
        var rollout = new RolloutBuilder().AtStage(2).Build();
        var t = rollout.Promote(2, "lead", "ship it", Now);
        Assert.Equal(RolloutState.Promoted, rollout.State);
        Assert.Equal(100m, rollout.CurrentPercent);
        Assert.Equal(100m, t.ToPercent);
    }

    [Fact]
    public void Promote_WithStaleExpectedStage_IsRefusedAndChangesNothing()
    {
        var rollout = new RolloutBuilder().AtStage(1).Build();
        var error = Assert.Throws<RolloutTransitionException>(() => rollout.Promote(0, "lead", "promote", Now));
        Assert.Contains("moved on", error.Message);
        Assert.Equal(1, rollout.StageIndex);
    }

    [Theory]
    [InlineData(RolloutState.RolledBack)]
    [InlineData(RolloutState.Aborted)]
    public void CurrentPercent_WhenRolledBackOrAborted_IsZero(RolloutState state) =>
        Assert.Equal(0m, new RolloutBuilder().AtStage(1).InState(state).Build().CurrentPercent);

    [Theory]
    [InlineData("", "reason")]
    [InlineData("lead", " ")]
    public void Pause_WithoutActorOrReason_IsRefused(string actor, string reason)
    {
        var rollout = new RolloutBuilder().Build();
        Assert.Throws<RolloutTransitionException>(() => rollout.Pause(actor, reason, Now));
        Assert.Equal(RolloutState.Running, rollout.State);
    }

    private static RolloutTransition Act(Rollout r, RolloutAction action) => action switch
    {
        RolloutAction.Start => r.Start("lead", "why", Now),
        RolloutAction.Promote => r.Promote(r.StageIndex, "lead", "why", Now),
        RolloutAction.Pause => r.Pause("lead", "why", Now),
        RolloutAction.Resume => r.Resume("lead", "why", Now),
        RolloutAction.Rollback => r.Rollback("lead", "why", Now),
        RolloutAction.Abort => r.Abort("lead", "why", Now),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
