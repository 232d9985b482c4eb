using Lens.Core.Deployment;

namespace Lens.Core.Tests.Deployment;

public sealed class FinalCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Blocks = ["stageA.native_scanner", "stageB.enabled", "stageC.enabled"];

    private static FinalCheckInput Healthy() => new(Blocks.ToDictionary(b => b, _ => 100m), Blocks, 5.4, 0, TimeSpan.FromHours(24), 0.99, []);

    [Fact]
    public void Evaluate_Healthy_PassesAllFiveCriteria()
    {
        var checks = FinalCheck.Evaluate(Healthy(), Now);

        Assert.Equal(5, checks.Count);
        Assert.All(checks, c => Assert.True(c.Passed, c.Detail));
    }

    [Theory]
    [InlineData("block", "blocks_at_100")]
    [InlineData("rpq high", "calibration_results_per_query")]
    [InlineData("rpq low", "calibration_results_per_query")]
    [InlineData("rpq none", "calibration_results_per_query")]
    [InlineData("alarm", "cusum_quiet")]
    [InlineData("sentinel 95", "sentinel_success_rate")]
    [InlineData("sentinel none", "sentinel_success_rate")]
    [InlineData("kill", "no_kill_switch")]
    public void Evaluate_OneCriterionMissed_FailsExactlyThatOne(string change, string gate)
    {
        var input = change switch
        {
            "block" => Healthy() with { SubFeaturePercents = new Dictionary<string, decimal> { ["stageA.native_scanner"] = 100m, ["stageB.enabled"] = 25m, ["stageC.enabled"] = 100m } },
            "rpq high" => Healthy() with { ResultsPerQuery = 7.01 },
            "rpq low" => Healthy() with { ResultsPerQuery = 2.99 },
            "rpq none" => Healthy() with { ResultsPerQuery = null },
            "alarm" => Healthy() with { CusumAlarms = 1 },
            "sentinel 95" => Healthy() with { SentinelSuccessRate = 0.95 },
            "sentinel none" => Healthy() with { SentinelSuccessRate = null },
            "kill" => Healthy() with { ActiveKillSwitches = ["stageC.enabled"] },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var failed = FinalCheck.Evaluate(input, Now).Where(c => !c.Passed).Select(c => c.Gate);

        Assert.Equal([gate], failed);
    }

    [Theory]
    [InlineData(3.0, true)]
    [InlineData(7.0, true)]
    [InlineData(5.0, true)]
    [InlineData(7.1, false)]
    public void Evaluate_ResultsPerQueryEdges_AreInside(double rpq, bool passes) =>
        Assert.Equal(passes, FinalCheck.Evaluate(Healthy() with { ResultsPerQuery = rpq }, Now).Single(c => c.Gate == "calibration_results_per_query").Passed);
}
