using Lens.Core.Deployment;

namespace Lens.Core.Tests.Deployment;

public sealed class DeploymentPlannerTests
{
    private static DeploymentRequest Request(DeploymentConfig? config = null, bool accelerated = false, bool skipBench = false, bool skipCanary = false) =>
        new("1.2.3", "search", config ?? DeploymentConfig.Default, accelerated, skipBench, skipCanary);

    [Fact]
    public void Plan_Defaults_HasTheNinePhasesInOrderAndThreeBlocksOfFiveTwentyFiveHundred()
    {
        var plan = DeploymentPlanner.Plan(Request(), new DeploymentSettings());

        Assert.Equal(Enum.GetValues<DeploymentPhase>(), plan.Phases.Select(p => p.Phase));
        Assert.Equal(["A", "B", "C"], plan.Blocks.Select(b => b.Letter));
        Assert.All(plan.Blocks, b => Assert.Equal([5m, 25m, 100m], b.Stages.Select(s => s.Percent)));
        Assert.All(plan.Blocks.SelectMany(b => b.Stages), s => Assert.Equal(TimeSpan.FromHours(24), s.MinDuration));
        Assert.Equal(25m, plan.Block(DeploymentPhase.CanaryB)!.CalibrationNeededAbove);
        Assert.Null(plan.Block(DeploymentPhase.CanaryA)!.CalibrationNeededAbove);
        Assert.All(plan.Blocks.SelectMany(b => b.Stages), s => Assert.Equal(0.01, s.Gates.MaxErrorRate));
        Assert.Equal(1, plan.Factor);
    }

    [Theory]
    [InlineData(false, "A", "none,none,none")]
    [InlineData(false, "B", "none,lead,none")]
    [InlineData(false, "C", "none,none,none")]
    [InlineData(true, "A", "lead,lead,lead")]
    [InlineData(true, "B", "lead,lead,lead")]
    [InlineData(true, "C", "lead,lead,lead")]
    public void Plan_ManualPromotionOrCalibrationHold_AsksForALeadsApprovalOnThoseStages(bool manual, string letter, string expected)
    {
        var config = DeploymentConfig.Default with { Canary = new CanaryConfig { ManualPromotion = manual } };

        var plan = DeploymentPlanner.Plan(Request(config), new DeploymentSettings());

        var block = plan.Blocks.Single(b => b.Letter == letter);
        Assert.Equal(expected, string.Join(",", block.Stages.Select(s => s.Approval == Lens.Core.Rollouts.ApprovalPolicy.Lead ? "lead" : "none")));
        Assert.Equal(manual, plan.Phases.Single(p => p.Phase == block.Phase).Does.Contains("approval by a lead", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, false, 720)]
    [InlineData(false, true, 720)]
    [InlineData(true, true, 720)]
    [InlineData(false, false, 1)]
    public void Plan_AcceleratedByFlagOrConfig_DividesEveryWaitByTheFactor(bool flag, bool config, double expectedFactor)
    {
        var request = Request(DeploymentConfig.Default with { Canary = new CanaryConfig { AcceleratedRollout = config } }, accelerated: flag);
        var settings = new DeploymentSettings();

        var plan = DeploymentPlanner.Plan(request, settings);

        Assert.Equal(expectedFactor, plan.Factor);
        Assert.Equal(settings.StageDuration / expectedFactor, plan.Blocks[0].Stages[0].MinDuration);
        Assert.Equal(settings.QuietPeriod / expectedFactor, plan.QuietPeriod);
        Assert.Equal(settings.CalibrationHoldout / expectedFactor, plan.CalibrationHoldout);
        Assert.Equal(TimeSpan.FromMinutes(60) / expectedFactor, plan.SentinelCadence);
        Assert.Equal(settings.SentinelRecovery / expectedFactor, plan.SentinelRecovery);
        Assert.All(plan.Phases, p => Assert.False(p.Skipped));
    }

    [Fact]
    public void Plan_ConfigDurations_OverrideTheSettings()
    {
        var config = DeploymentConfig.Default with
        {
            Canary = new CanaryConfig { StageDurationHours = 2, AccelerationFactor = 10, AcceleratedRollout = true },
            Monitoring = new MonitoringConfig { QuietPeriodHours = 5 },
        };

        var plan = DeploymentPlanner.Plan(Request(config), new DeploymentSettings());

        Assert.Equal(TimeSpan.FromMinutes(12), plan.Blocks[2].Stages[1].MinDuration);
        Assert.Equal(TimeSpan.FromMinutes(30), plan.QuietPeriod);
    }

    [Fact]
    public void Plan_Timeline_EachPhaseStartsWhenTheOneBeforeIsExpectedToEnd()
    {
        var plan = DeploymentPlanner.Plan(Request(), new DeploymentSettings());

        for (var i = 1; i < plan.Phases.Count; i++)
            Assert.Equal(plan.Phases[i - 1].StartsAfter + plan.Phases[i - 1].Expected, plan.Phases[i].StartsAfter);
        // 2 min bench + 9 stages of 24 h + 2 d holdout + 24 h quiet.
        Assert.Equal(TimeSpan.FromMinutes(2) + TimeSpan.FromHours(9 * 24 + 48 + 24), plan.ExpectedTotal);
    }

    [Theory]
    [InlineData(true, false, new[] { DeploymentPhase.FinalBench })]
    [InlineData(false, true, new[] { DeploymentPhase.CanaryA, DeploymentPhase.CanaryB, DeploymentPhase.CanaryC })]
    public void Plan_SkipBenchOrCanary_MarksThosePhasesSkippedWithNoTime(bool skipBench, bool skipCanary, DeploymentPhase[] skipped)
    {
        var plan = DeploymentPlanner.Plan(Request(skipBench: skipBench, skipCanary: skipCanary), new DeploymentSettings());

        Assert.Equal(skipped, plan.Phases.Where(p => p.Skipped).Select(p => p.Phase));
        Assert.All(plan.Phases.Where(p => p.Skipped), p => Assert.Equal(TimeSpan.Zero, p.Expected));
    }

    [Theory]
    [InlineData(24 * 3600, "24 h")]
    [InlineData(2 * 24 * 3600, "2 d")]
    [InlineData(83400, "23 h 10 min")]
    [InlineData(120, "2 min")]
    [InlineData(125, "2 min 5 s")]
    [InlineData(5, "5 s")]
    public void Duration_Words(int seconds, string expected) => Assert.Equal(expected, DeploymentPlanner.Duration(TimeSpan.FromSeconds(seconds)));
}
