using Lens.Core.Gates;
using Lens.Core.Rollouts;

namespace Lens.Core.Tests.Rollouts;

public class StagePlanTests
{
    private static RolloutStage Stage(decimal percent, int seconds = 30, StageGates? gates = null) =>
        new(percent, TimeSpan.FromSeconds(seconds), gates ?? new StageGates(MaxErrorRate: 0.01));

    public static TheoryData<RolloutStage[], string?> Plans() => new()
    {
        { [Stage(1), Stage(10), Stage(100)], null },
        { [Stage(0.01m), Stage(0.02m)], null },
        { [Stage(0)], "stages[0].percent" },
        { [Stage(100.5m)], "stages[0].percent" },
        { [Stage(1.005m)], "stages[0].percent" },
        { [Stage(10), Stage(5)], "stages[1].percent" },
        { [Stage(10), Stage(10)], "stages[1].percent" },
        { [Stage(10, -1)], "stages[0].minDuration" },
        { [Stage(10, 30, new StageGates(MaxErrorRate: 1.5))], "stages[0].gates.maxErrorRate" },
        { [Stage(10, 30, new StageGates(MaxP99Ms: 0))], "stages[0].gates.maxP99Ms" },
        { [Stage(10, 30, new StageGates(MaxP99ToP95: 0.5))], "stages[0].gates.maxP99ToP95" },
        { [Stage(10, 30, new StageGates(MinSamples: 0))], "stages[0].gates.minSamples" },
        { [Stage(10, 30, new StageGates(MaxP95IncreaseVsBaseline: 0.1, InconclusiveLimit: 30))], null },
        { [Stage(10, 30, new StageGates(MaxP95IncreaseVsBaseline: -0.1))], "stages[0].gates.maxP95IncreaseVsBaseline" },
        { [Stage(10, 30, new StageGates(MaxP95IncreaseVsBaseline: double.NaN))], "stages[0].gates.maxP95IncreaseVsBaseline" },
        { [Stage(10, 30, new StageGates(InconclusiveLimit: -1))], "stages[0].gates.inconclusiveLimit" },
        { [Stage(100, 30, new StageGates(MaxP95IncreaseVsBaseline: 0.1))], "stages[0].gates.maxP95IncreaseVsBaseline" },
        { [Stage(100, 30, new StageGates(MaxErrorRateIncreaseVsBaseline: 0.005))], "stages[0].gates.maxErrorRateIncreaseVsBaseline" },
        { [Stage(50, 30, new StageGates(MaxErrorRateIncreaseVsBaseline: 0.005))], null },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: 1))], null },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: 0.5, MaxResultsPerQueryDrift: 0))], null },      // no drift: exactly the target
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: 0, MaxResultsPerQueryDrift: 1))], "stages[0].gates.targetResultsPerQuery" },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: -3, MaxResultsPerQueryDrift: 1))], "stages[0].gates.targetResultsPerQuery" },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: double.PositiveInfinity, MaxResultsPerQueryDrift: 1))], "stages[0].gates.targetResultsPerQuery" },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: double.NaN, MaxResultsPerQueryDrift: 1))], "stages[0].gates.targetResultsPerQuery" },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: -0.5))], "stages[0].gates.maxResultsPerQueryDrift" },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: double.NaN))], "stages[0].gates.maxResultsPerQueryDrift" },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: double.PositiveInfinity))], "stages[0].gates.maxResultsPerQueryDrift" },
        { [Stage(10, 30, new StageGates(TargetResultsPerQuery: 5))], "stages[0].gates.maxResultsPerQueryDrift" },     // a target needs a drift
        { [Stage(10, 30, new StageGates(MaxResultsPerQueryDrift: 1))], "stages[0].gates.targetResultsPerQuery" },     // a drift needs a target
        { [Stage(10), Stage(20, 30, new StageGates(TargetResultsPerQuery: 5))], "stages[1].gates.maxResultsPerQueryDrift" },
        { [Stage(10, 30, new StageGates(FailureLimit: 0))], "stages[0].gates.failureLimit" },
        { [], "stages" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Validate_Plan_NamesTheFirstFaultyField(RolloutStage[] stages, string? faultyField)
    {
        var errors = StagePlan.Validate(stages);
        if (faultyField is null) Assert.Empty(errors);
        else Assert.Equal(faultyField, Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("canary-ramp-rollout", new[] { 1.0, 10.0, 100.0 }, new[] { 2.0, 4.0, 1.0 })]
    [InlineData("three-block", new[] { 5.0, 25.0, 100.0 }, new[] { 24.0, 24.0, 24.0 })]
    public void NamedPlans_AreValidAndHaveTheDocumentedShape(string name, double[] percents, double[] hours)
    {
        var plan = RolloutPlans.Find(name)!;
        Assert.Empty(StagePlan.Validate(plan));
        Assert.Equal(percents, plan.Select(s => (double)s.Percent));
        Assert.Equal(hours, plan.Select(s => s.MinDuration.TotalHours));
        Assert.All(plan, s => Assert.Equal(200, s.Gates.MaxP99Ms));
    }

    [Fact]
    public void CanaryRamp_ErrorRateLimits_TightenStageByStage() =>
        Assert.Equal([0.01, 0.005, 0.001], RolloutPlans.Find(RolloutPlans.CanaryRamp)!.Select(s => s.Gates.MaxErrorRate!.Value));
}
