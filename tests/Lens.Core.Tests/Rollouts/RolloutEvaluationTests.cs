using Lens.Core.Gates;
using Lens.Core.Rollouts;
using Lens.Core.Tests.Builders;

namespace Lens.Core.Tests.Rollouts;

public class RolloutEvaluationTests
{
    private static readonly DateTimeOffset T0 = RolloutBuilder.T0;

    [Fact]
    public void RecordEvaluation_AllPassAfterMinimumDuration_AdvancesToNextStage()
    {
        var rollout = new RolloutBuilder().Build();
        var t = rollout.RecordEvaluation(Verdicts.AllPass(), T0.AddMinutes(10).AddSeconds(12.7));
        Assert.NotNull(t);
        Assert.Equal(RolloutAction.AutoAdvance, t.Action);
        Assert.Equal("Stage 1 held 10 min 12 s (minimum 10 min) and every gate passed.", t.Reason);
        Assert.Equal(1, rollout.StageIndex);
        Assert.Equal(10m, rollout.CurrentPercent);
        Assert.Equal(T0.AddMinutes(10).AddSeconds(12.7), rollout.StageStartedAt);
        Assert.Equal(Rollout.EngineActor, t.Actor);
    }

    [Fact]
    public void RecordEvaluation_AllPassBeforeMinimumDuration_Holds()
    {
        var rollout = new RolloutBuilder().Build();
        Assert.Null(rollout.RecordEvaluation(Verdicts.AllPass(), T0.AddMinutes(9).AddSeconds(59)));
        Assert.Equal(0, rollout.StageIndex);
        Assert.Equal(TimeSpan.FromSeconds(1), rollout.TimeUntilAdvance(T0.AddMinutes(9).AddSeconds(59)));
    }

    [Fact]
    public void RecordEvaluation_InsufficientDataLongAfterMinimumDuration_NeverAdvances()
    {
        var rollout = new RolloutBuilder().Build();
        for (var hour = 1; hour <= 48; hour++)
            Assert.Null(rollout.RecordEvaluation(Verdicts.Insufficient(), T0.AddHours(hour)));
        Assert.Equal(RolloutState.Running, rollout.State);
        Assert.Equal(0, rollout.StageIndex);
    }

    [Fact]
    public void RecordEvaluation_GateFailsWithLimitOne_RollsBackNamingGateValueThresholdAndSamples()
    {
        var rollout = new RolloutBuilder().Build();
        var t = rollout.RecordEvaluation(Verdicts.P99Fails(350), T0.AddSeconds(30));
        Assert.NotNull(t);
        Assert.Equal(RolloutAction.AutoRollback, t.Action);
        Assert.Equal(RolloutState.RolledBack, rollout.State);
        Assert.Equal(0m, t.ToPercent);
        Assert.Contains("p99 latency 350 ms against a limit of 200 ms on 500 samples: Fail", t.Reason);
        Assert.Contains(t.Verdicts, v => v is { Gate: "p99_latency", Verdict: Verdict.Fail, Value: 350, Threshold: 200, Samples: 500 });
    }

    [Fact]
    public void RecordEvaluation_GateFailsFewerTimesThanLimit_Holds()
    {
        var rollout = new RolloutBuilder().WithFailureLimit(3).Build();
        Assert.Null(rollout.RecordEvaluation(Verdicts.P99Fails(), T0.AddSeconds(10)));
        Assert.Null(rollout.RecordEvaluation(Verdicts.P99Fails(), T0.AddSeconds(20)));
        Assert.Equal(2, rollout.FailureStreaks["p99_latency"]);
        var t = rollout.RecordEvaluation(Verdicts.P99Fails(), T0.AddSeconds(30));
        Assert.Equal(RolloutAction.AutoRollback, t!.Action);
    }

    [Fact]
    public void RecordEvaluation_PassBetweenFailures_ResetsTheStreak()
    {
        var rollout = new RolloutBuilder().WithFailureLimit(2).Build();
        Assert.Null(rollout.RecordEvaluation(Verdicts.P99Fails(), T0.AddSeconds(10)));
        Assert.Null(rollout.RecordEvaluation(Verdicts.AllPass(), T0.AddSeconds(20)));
        Assert.Null(rollout.RecordEvaluation(Verdicts.P99Fails(), T0.AddSeconds(30)));
        Assert.Equal(RolloutState.Running, rollout.State);
        Assert.Equal(1, rollout.FailureStreaks["p99_latency"]);
    }

    [Fact]
    public void RecordEvaluation_AllPassOnLastStage_Promotes()
    {
        var rollout = new RolloutBuilder().AtStage(2).Build();
        var t = rollout.RecordEvaluation(Verdicts.AllPass(), T0.AddMinutes(10));
        Assert.Equal(RolloutAction.AutoPromote, t!.Action);
        Assert.Equal(RolloutState.Promoted, rollout.State);
        Assert.Equal(100m, rollout.CurrentPercent);
    }

    [Theory]
    [InlineData(RolloutState.Paused)]
    [InlineData(RolloutState.Pending)]
    [InlineData(RolloutState.RolledBack)]
    [InlineData(RolloutState.Promoted)]
    [InlineData(RolloutState.Aborted)]
    public void RecordEvaluation_WhenNotRunning_FailsTheSameWayAsAnyIllegalTransition(RolloutState state)
    {
        var rollout = new RolloutBuilder().InState(state).Build();
        Assert.Throws<RolloutTransitionException>(() => rollout.RecordEvaluation(Verdicts.AllPass(), T0.AddDays(1)));
        Assert.Equal(state, rollout.State);
    }

    [Fact]
    public void Resume_AfterPause_RestartsTheStageClock()
    {
        var rollout = new RolloutBuilder().Build();
        rollout.Pause("lead", "check", T0.AddMinutes(9));
        rollout.Resume("lead", "fine", T0.AddMinutes(30));
        Assert.Null(rollout.RecordEvaluation(Verdicts.AllPass(), T0.AddMinutes(31)));
        Assert.Equal(TimeSpan.FromMinutes(9), rollout.TimeUntilAdvance(T0.AddMinutes(31)));
    }

    [Fact]
    public void Advance_ToNextStage_ClearsFailureStreaksAndVerdicts()
    {
        var rollout = new RolloutBuilder().WithFailureLimit(2).Build();
        rollout.RecordEvaluation(Verdicts.P99Fails(), T0.AddMinutes(1));
        rollout.Promote(0, "lead", "manual", T0.AddMinutes(2));
        Assert.Empty(rollout.FailureStreaks);
        Assert.Empty(rollout.LatestVerdicts);
        Assert.Null(rollout.RecordEvaluation(Verdicts.P99Fails(), T0.AddMinutes(3)));
        Assert.Equal(RolloutState.Running, rollout.State);
    }

    private static GateVerdict[] Inconclusive() =>
    [
        new(GateNames.ErrorRate, Verdict.Pass, 0.001, 0.01, 500),
        new(GateNames.P95VsBaseline, Verdict.Inconclusive, 1.05, 1.10, 500, Lower: 0.95, Upper: 1.16),
    ];

    [Fact]
    public void RecordEvaluation_InconclusiveForTheLimit_PausesForAPersonSayingWhy()
    {
        var rollout2 = new RolloutBuilder().WithStages(new RolloutStage(50m, TimeSpan.FromMinutes(10),
            new StageGates(MaxErrorRate: 0.01, MaxP95IncreaseVsBaseline: 0.10, InconclusiveLimit: 3)), new RolloutStage(100m, TimeSpan.FromMinutes(10), new StageGates())).Build();
        Assert.Null(rollout2.RecordEvaluation(Inconclusive(), T0.AddMinutes(11)));
        Assert.Null(rollout2.RecordEvaluation(Inconclusive(), T0.AddMinutes(12)));

        var t = rollout2.RecordEvaluation(Inconclusive(), T0.AddMinutes(13));

        Assert.NotNull(t);
        Assert.Equal((RolloutAction.AutoPause, RolloutState.Paused, 0), (t.Action, rollout2.State, rollout2.StageIndex));
        Assert.Equal("p95 vs baseline 1.05× (95% interval 0.95×–1.16×) against a limit of 1.10× on 500 samples: Inconclusive; inconclusive 3 time(s) in a row (limit 3): a person decides.", t.Reason);
        Assert.Equal(Rollout.EngineActor, t.Actor);
    }

    [Fact]
    public void RecordEvaluation_InconclusiveThenPassBeforeTheLimit_StartsTheCountAgainAndNeverAdvancesWhileInconclusive()
    {
        var rollout = new RolloutBuilder().WithStages(new RolloutStage(50m, TimeSpan.FromMinutes(10),
            new StageGates(MaxErrorRate: 0.01, MaxP95IncreaseVsBaseline: 0.10, InconclusiveLimit: 2)), new RolloutStage(100m, TimeSpan.FromMinutes(10), new StageGates())).Build();

        Assert.Null(rollout.RecordEvaluation(Inconclusive(), T0.AddMinutes(11)));
        Assert.Equal(1, rollout.InconclusiveStreak);
        Assert.Null(rollout.RecordEvaluation([new(GateNames.ErrorRate, Verdict.Pass, 0.001, 0.01, 500), new(GateNames.P95VsBaseline, Verdict.InsufficientData, null, 1.10, 50)], T0.AddMinutes(12)));
        Assert.Equal(0, rollout.InconclusiveStreak);
        Assert.Null(rollout.RecordEvaluation(Inconclusive(), T0.AddMinutes(13)));
        Assert.Equal((RolloutState.Running, 0), (rollout.State, rollout.StageIndex));
    }

    [Fact]
    public void RecordEvaluation_InconclusiveWithoutALimit_HoldsForever()
    {
        var rollout = new RolloutBuilder().WithStages(new RolloutStage(50m, TimeSpan.FromMinutes(10),
            new StageGates(MaxErrorRate: 0.01, MaxP95IncreaseVsBaseline: 0.10)), new RolloutStage(100m, TimeSpan.FromMinutes(10), new StageGates())).Build();

        for (var i = 0; i < 50; i++) Assert.Null(rollout.RecordEvaluation(Inconclusive(), T0.AddMinutes(11 + i)));
        Assert.Equal((RolloutState.Running, 0, 50), (rollout.State, rollout.StageIndex, rollout.InconclusiveStreak));
    }
}
