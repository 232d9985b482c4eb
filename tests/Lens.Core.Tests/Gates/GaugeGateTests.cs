using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;

namespace Lens.Core.Tests.Gates;

/// <summary>Gates on gauges services report: a ceiling, a floor, and limits relative to the baseline's mean.</summary>
public sealed class GaugeGateTests
{
    private static WindowMetrics Window(GaugeSummary baseline, GaugeSummary candidate, string name = "memory_mb") =>
        WindowMetrics.Empty with { Gauges = new Dictionary<string, GaugePair> { [name] = new(baseline, candidate) } };

    private static GaugeSummary Reports(params double[] values) =>
        values.Length == 0 ? GaugeSummary.Empty : new(values.Length, values.Sum(), values.Min(), values.Max());

    // candidate reports -> verdict on a 1,024 MB ceiling (mean of the reports)
    [Theory]
    [InlineData(new double[] { 800, 812, 820 }, Verdict.Pass, 810.666667)]
    [InlineData(new double[] { 1000, 1024, 1048 }, Verdict.Pass, 1024)]     // the mean exactly at the ceiling passes
    [InlineData(new double[] { 1000, 1100, 1200 }, Verdict.Fail, 1100)]
    [InlineData(new double[] { 2000, 2000 }, Verdict.InsufficientData, 2000)] // two reports, three needed
    public void Evaluate_Ceiling_JudgesTheCandidatesMean(double[] reports, Verdict expected, double mean)
    {
        var gates = new StageGates(Gauges: [new GaugeGate("memory_mb", Max: 1024)]);

        var verdict = Assert.Single(GateEvaluator.Evaluate(gates, Window(Reports(5000, 5000, 5000), Reports(reports))));

        Assert.Equal(("gauge.memory_mb.max", expected), (verdict.Gate, verdict.Verdict));
        Assert.Equal(mean, verdict.Value!.Value, 5);
        Assert.Equal(1024, verdict.Threshold);
    }

    [Theory]
    [InlineData(0.62, Verdict.Pass)]
    [InlineData(0.60, Verdict.Pass)]
    [InlineData(0.59, Verdict.Fail)]
    public void Evaluate_Floor_FailsBelowIt(double hitRate, Verdict expected)
    {
        var gates = new StageGates(Gauges: [new GaugeGate("cache_hit_rate", Min: 0.60, MinSamples: 1)]);

        var verdict = Assert.Single(GateEvaluator.Evaluate(gates, Window(GaugeSummary.Empty, Reports(hitRate), "cache_hit_rate")));

        Assert.Equal(("gauge.cache_hit_rate.min", expected), (verdict.Gate, verdict.Verdict));
        Assert.Contains("against a floor of 0.6", verdict.Describe());
    }

    // baseline mean, candidate mean -> increase verdict (at most 10% above), decrease verdict (at most 5% below)
    [Theory]
    [InlineData(800, 850, Verdict.Pass, Verdict.Pass)]
    [InlineData(800, 880, Verdict.Pass, Verdict.Pass)]
    [InlineData(800, 881, Verdict.Fail, Verdict.Pass)]
    [InlineData(800, 760, Verdict.Pass, Verdict.Pass)]
    [InlineData(800, 759, Verdict.Pass, Verdict.Fail)]
    [InlineData(0.80, 0.76, Verdict.Pass, Verdict.Pass)]   // exactly 5% below, though 0.76 / 0.80 is not exactly 0.95 in binary
    public void Evaluate_RelativeToBaseline_ComparesTheMeans(double baseline, double candidate, Verdict increase, Verdict decrease)
    {
        var gates = new StageGates(Gauges: [new GaugeGate("memory_mb", MaxIncreaseVsBaseline: 0.10, MaxDecreaseVsBaseline: 0.05, MinSamples: 1)]);

        var verdicts = GateEvaluator.Evaluate(gates, Window(Reports(baseline), Reports(candidate)));

        Assert.Equal([("gauge.memory_mb.increase", increase), ("gauge.memory_mb.decrease", decrease)], verdicts.Select(v => (v.Gate, v.Verdict)));
        Assert.Equal(candidate / baseline, verdicts[0].Value!.Value, 9);
    }

    [Fact]
    public void Evaluate_RelativeWithoutBaselineReports_IsInsufficientData()
    {
        var gates = new StageGates(Gauges: [new GaugeGate("memory_mb", MaxIncreaseVsBaseline: 0.10, MinSamples: 1)]);

        var verdict = Assert.Single(GateEvaluator.Evaluate(gates, Window(GaugeSummary.Empty, Reports(900))));

        Assert.Equal(Verdict.InsufficientData, verdict.Verdict);
    }

    [Fact]
    public void Evaluate_RelativeUnderSampleRatioMismatch_NeverPasses()
    {
        var gates = new StageGates(Gauges: [new GaugeGate("memory_mb", MaxIncreaseVsBaseline: 0.10, MinSamples: 1)]);

        var verdict = Assert.Single(GateEvaluator.Evaluate(gates, Window(Reports(800), Reports(800)), sampleRatioMismatch: true));

        Assert.Equal(Verdict.Inconclusive, verdict.Verdict);
    }

    [Fact]
    public void Evaluate_GaugeNobodyReported_IsInsufficientData()
    {
        var gates = new StageGates(Gauges: [new GaugeGate("span_coverage", Min: 0.98)]);

        var verdict = Assert.Single(GateEvaluator.Evaluate(gates, WindowMetrics.Empty));

        Assert.Equal(("gauge.span_coverage.min", Verdict.InsufficientData), (verdict.Gate, verdict.Verdict));
    }

    [Theory]
    [InlineData("gauge.memory_mb.max", "memory_mb ceiling")]
    [InlineData("gauge.cache_hit_rate.min", "cache_hit_rate floor")]
    [InlineData("gauge.memory_mb.increase", "memory_mb vs baseline")]
    public void Label_GaugeGate_NamesTheGaugeAndTheKindOfLimit(string gate, string label) => Assert.Equal(label, GateFormat.Label(gate));

    // what is wrong -> the field the error names
    [Theory]
    [InlineData("Memory MB", 1024.0, null, null, null, 3, "stages[0].gates.gauges[0].name")]
    [InlineData("memory_mb", null, null, null, null, 3, "stages[0].gates.gauges[0]")]
    [InlineData("memory_mb", double.PositiveInfinity, null, null, null, 3, "stages[0].gates.gauges[0].max")]
    [InlineData("memory_mb", 100.0, 200.0, null, null, 3, "stages[0].gates.gauges[0].min")]
    [InlineData("memory_mb", null, null, -0.1, null, 3, "stages[0].gates.gauges[0].maxIncreaseVsBaseline")]
    [InlineData("memory_mb", null, null, null, 1.5, 3, "stages[0].gates.gauges[0].maxDecreaseVsBaseline")]
    [InlineData("memory_mb", 1024.0, null, null, null, 0, "stages[0].gates.gauges[0].minSamples")]
    public void Validate_BadGaugeGate_NamesTheField(string name, double? max, double? min, double? up, double? down, int minSamples, string field)
    {
        var stage = new RolloutStage(10m, TimeSpan.Zero, new StageGates(Gauges: [new GaugeGate(name, max, min, up, down, minSamples)]));

        var error = Assert.Single(StagePlan.Validate([stage]));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Validate_SameGaugeTwiceInAStage_NamesTheSecond()
    {
        var stage = new RolloutStage(10m, TimeSpan.Zero, new StageGates(Gauges: [new GaugeGate("memory_mb", Max: 1), new GaugeGate("memory_mb", Min: 0)]));

        Assert.Equal("stages[0].gates.gauges[1].name", Assert.Single(StagePlan.Validate([stage])).Field);
    }

    [Fact]
    public void Validate_RelativeGaugeGateAtFullTraffic_IsRefused()
    {
        var stage = new RolloutStage(100m, TimeSpan.Zero, new StageGates(Gauges: [new GaugeGate("memory_mb", MaxIncreaseVsBaseline: 0.1)]));

        Assert.Equal("stages[0].gates.gauges[0].maxIncreaseVsBaseline", Assert.Single(StagePlan.Validate([stage])).Field);
    }

    [Theory]
    [InlineData(RolloutPlans.DeploymentController, 0, "memory_mb", 1024.0, null)]
    [InlineData(RolloutPlans.DeploymentController, 1, "memory_mb", 1536.0, null)]
    [InlineData(RolloutPlans.DeploymentController, 2, "memory_mb", 2048.0, null)]
    [InlineData(RolloutPlans.DeploymentController, 0, "cache_hit_rate", null, 0.60)]
    [InlineData(RolloutPlans.DeploymentController, 1, "cache_hit_rate", null, 0.70)]
    [InlineData(RolloutPlans.DeploymentController, 2, "cache_hit_rate", null, 0.85)]
    [InlineData(RolloutPlans.SpanCoverage, 0, "span_coverage", null, 0.98)]
    [InlineData(RolloutPlans.SpanCoverage, 1, "span_coverage", null, 0.98)]
    [InlineData(RolloutPlans.SpanCoverage, 2, "span_coverage", null, 0.98)]
    public void Find_SeedPlans_GateTheSeedsGauges(string plan, int stage, string gauge, double? max, double? min)
    {
        var stages = RolloutPlans.Find(plan)!;

        Assert.Empty(StagePlan.Validate(stages));
        var gate = Assert.Single(stages[stage].Gates.Gauges!, g => g.Name == gauge);
        Assert.Equal((max, min), (gate.Max, gate.Min));
    }
}
