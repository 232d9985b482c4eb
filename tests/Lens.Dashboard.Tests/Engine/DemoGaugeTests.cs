using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Demo;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>The demo service's gauges: what it reports passes the deployment controller plan's memory and cache gates.</summary>
public sealed class DemoGaugeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Gauges_HealthyDemo_PassTheDeploymentControllerPlanAtEveryStage(int stage)
    {
        var random = new Random(stage);
        var (memory, hitRate) = (new[] { new GaugeAccumulator(), new GaugeAccumulator() }, new[] { new GaugeAccumulator(), new GaugeAccumulator() });
        for (var i = 0; i < 120; i++)
            foreach (var variant in new[] { Variant.Baseline, Variant.Candidate })
            {
                var (mb, rate) = DemoSearchService.Gauges(variant, random);
                memory[(int)variant].Add(mb);
                hitRate[(int)variant].Add(rate);
            }
        var window = WindowMetrics.Empty with
        {
            Gauges = new Dictionary<string, GaugePair>
            {
                [RolloutPlans.MemoryGauge] = new(memory[0].ToSummary(), memory[1].ToSummary()),
                [RolloutPlans.CacheHitRateGauge] = new(hitRate[0].ToSummary(), hitRate[1].ToSummary()),
            },
        };
        var gates = RolloutPlans.Find(RolloutPlans.DeploymentController)![stage].Gates with { MaxErrorRate = null, MaxP99Ms = null };

        var verdicts = GateEvaluator.Evaluate(gates, window);

        Assert.Equal(2, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal(Verdict.Pass, v.Verdict));
    }
}
