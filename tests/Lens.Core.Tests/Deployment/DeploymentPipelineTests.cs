using Lens.Core.Deployment;

namespace Lens.Core.Tests.Deployment;

public sealed class DeploymentPipelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static DeploymentPipeline Pipeline(bool skipBench = false, bool skipCanary = false, string? force = null) =>
        DeploymentPipeline.Create(Guid.NewGuid(), new DeploymentRequest("1.2.3", "search", DeploymentConfig.Default, SkipBench: skipBench, SkipCanary: skipCanary, ForceReason: force), "lead", Now);

    private static DeploymentPipeline RunningAt(DeploymentPhase phase)
    {
        var pipeline = Pipeline();
        pipeline.Start(Now);
        while (pipeline.Current!.Phase != phase) pipeline.CompletePhase(pipeline.Current.Phase, Now);
        return pipeline;
    }

    [Fact]
    public void Start_Pending_RunsTheFirstPhase()
    {
        var pipeline = Pipeline();

        pipeline.Start(Now);

        Assert.Equal(PipelineState.Running, pipeline.State);
        Assert.Equal(new PhaseRecord(DeploymentPhase.TagFreeze, PhaseState.Running, Now), pipeline.Current);
        Assert.All(pipeline.Phases.Skip(1), p => Assert.Equal(PhaseState.Pending, p.State));
    }

    [Fact]
    public void CompletePhase_EveryPhase_WalksInOrderAndSucceedsAfterTheLast()
    {
        var pipeline = Pipeline();
        pipeline.Start(Now);
        var seen = new List<DeploymentPhase>();

        for (var i = 0; pipeline.Current is { } current; i++)
        {
            seen.Add(current.Phase);
            pipeline.CompletePhase(current.Phase, Now.AddMinutes(i + 1), "ok");
        }

        Assert.Equal(Enum.GetValues<DeploymentPhase>(), seen);
        Assert.Equal(PipelineState.Succeeded, pipeline.State);
        Assert.All(pipeline.Phases, p => Assert.Equal((PhaseState.Succeeded, "ok"), (p.State, p.Cause)));
        Assert.Equal(TimeSpan.FromMinutes(1), pipeline.Phases[1].Duration);
        Assert.Equal(Now.AddMinutes(9), pipeline.EndedAt);
    }

    [Fact]
    public void Start_SkipBenchAndCanary_PassesOverThosePhases()
    {
        var pipeline = Pipeline(skipBench: true, skipCanary: true);
        pipeline.Start(Now);

        pipeline.CompletePhase(DeploymentPhase.TagFreeze, Now);

        Assert.Equal(DeploymentPhase.CalibrationActivation, pipeline.Current!.Phase);
        Assert.Equal(4, pipeline.Phases.Count(p => p.State == PhaseState.Skipped));
    }

    [Theory]
    [MemberData(nameof(AllPhases))]
    public void FailPhase_RunningPhase_FailsThePipelineWithTheCause(DeploymentPhase phase)
    {
        var pipeline = RunningAt(phase);

        pipeline.FailPhase(phase, "error_rate 3% > 1%", Now.AddHours(1));

        Assert.Equal((PipelineState.Failed, "error_rate 3% > 1%"), (pipeline.State, pipeline.Cause));
        Assert.Equal(PhaseState.Failed, pipeline.Phases.Single(p => p.Phase == phase).State);
        Assert.All(pipeline.Phases.Where(p => p.Phase > phase), p => Assert.Equal(PhaseState.Pending, p.State));
    }

    [Theory]
    [MemberData(nameof(AllPhases))]
    public void Abort_DuringEachPhase_AbortsThatPhaseAndThePipeline(DeploymentPhase phase)
    {
        var pipeline = RunningAt(phase);

        pipeline.Abort("lead", "wrong build", Now.AddHours(1));

        Assert.Equal(PipelineState.Aborted, pipeline.State);
        Assert.Equal(new PhaseRecord(phase, PhaseState.Aborted, Now, Now.AddHours(1), "Aborted by lead: wrong build"), pipeline.Phases.Single(p => p.Phase == phase));
    }

    public static TheoryData<DeploymentPhase> AllPhases() => [.. Enum.GetValues<DeploymentPhase>()];

    public static TheoryData<string> IllegalMoves() => ["start twice", "complete other phase", "fail when done", "abort when done", "gate when pending", "rollout when pending", "complete when pending"];

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void IllegalTransition_Always_ThrowsTheSameException(string move)
    {
        var pipeline = Pipeline();
        Action act = move switch
        {
            "start twice" => () => { pipeline.Start(Now); pipeline.Start(Now); },
            "complete other phase" => () => { pipeline.Start(Now); pipeline.CompletePhase(DeploymentPhase.CanaryA, Now); },
            "fail when done" => () => { pipeline.Start(Now); pipeline.Abort("a", "r", Now); pipeline.FailPhase(DeploymentPhase.TagFreeze, "x", Now); },
            "abort when done" => () => { pipeline.Start(Now); pipeline.Abort("a", "r", Now); pipeline.Abort("a", "r", Now); },
            "gate when pending" => () => pipeline.RecordGate(new GateCheck(DeploymentPhase.TagFreeze, "g", true, 1, "1", "", Now)),
            "rollout when pending" => () => pipeline.AttachRollout(Guid.NewGuid()),
            "complete when pending" => () => pipeline.CompletePhase(DeploymentPhase.TagFreeze, Now),
            _ => throw new ArgumentOutOfRangeException(nameof(move)),
        };

        Assert.Throws<DeploymentTransitionException>(act);
    }

    [Fact]
    public void RecordGate_FailedOnAForcedPipeline_IsMarkedOverridden()
    {
        var pipeline = Pipeline(force: "known flaky bench");
        pipeline.Start(Now);

        var check = pipeline.RecordGate(new GateCheck(DeploymentPhase.TagFreeze, "g", false, 2, "≤ 1", "", Now));

        Assert.True(check.Overridden);
        Assert.Equal("known flaky bench", pipeline.ForceReason);
    }

    [Fact]
    public void RecordGate_FailedWithoutForce_IsNotOverridden()
    {
        var pipeline = Pipeline();
        pipeline.Start(Now);

        Assert.False(pipeline.RecordGate(new GateCheck(DeploymentPhase.TagFreeze, "g", false, 2, "≤ 1", "", Now)).Overridden);
    }

    [Fact]
    public void Abort_Pending_IsAllowedAndTouchesNoPhase()
    {
        var pipeline = Pipeline();

        pipeline.Abort("lead", "changed my mind", Now);

        Assert.Equal(PipelineState.Aborted, pipeline.State);
        Assert.All(pipeline.Phases, p => Assert.Equal(PhaseState.Pending, p.State));
    }
}
