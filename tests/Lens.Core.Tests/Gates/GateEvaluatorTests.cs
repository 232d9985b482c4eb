using Lens.Core.Gates;
using Lens.Core.Metrics;

namespace Lens.Core.Tests.Gates;

public class GateEvaluatorTests
{
    private static readonly StageGates Gates = new(MaxErrorRate: 0.01, MaxP99Ms: 200, MaxP99ToP95: 2.0, MinSamples: 100);

    private static WindowMetrics Candidate(long requests, long errors, double? p95, double? p99) =>
        new(new VariantMetrics(10_000, 0, 10, 20, 30), new VariantMetrics(requests, errors, p95 / 2, p95, p99));

    // requests, errors, p95, p99 -> verdicts for error_rate, p99_latency, p99_p95_ratio
    [Theory]
    [InlineData(1000, 5, 100.0, 150.0, Verdict.Pass, Verdict.Pass, Verdict.Pass)]
    [InlineData(1000, 10, 100.0, 200.0, Verdict.Pass, Verdict.Pass, Verdict.Pass)]        // equal to threshold passes
    [InlineData(1000, 11, 100.0, 150.0, Verdict.Fail, Verdict.Pass, Verdict.Pass)]
    [InlineData(1000, 0, 100.0, 201.0, Verdict.Pass, Verdict.Fail, Verdict.Fail)]         // 2.01 > 2.0
    [InlineData(1000, 0, 50.0, 150.0, Verdict.Pass, Verdict.Pass, Verdict.Fail)]          // ratio 3
    [InlineData(99, 50, 100.0, 900.0, Verdict.InsufficientData, Verdict.InsufficientData, Verdict.InsufficientData)] // below MinSamples, even if awful
    [InlineData(0, 0, null, null, Verdict.InsufficientData, Verdict.InsufficientData, Verdict.InsufficientData)]
    [InlineData(100, 1, 100.0, 150.0, Verdict.Pass, Verdict.Pass, Verdict.Pass)]          // exactly MinSamples is enough
    public void Evaluate_CandidateWindow_GivesTheExpectedVerdictPerGate(long requests, long errors, double? p95, double? p99,
        Verdict errorRate, Verdict latency, Verdict ratio)
    {
        var verdicts = GateEvaluator.Evaluate(Gates, Candidate(requests, errors, p95, p99));
        Assert.Equal([GateNames.ErrorRate, GateNames.P99Latency, GateNames.P99ToP95], verdicts.Select(v => v.Gate));
        Assert.Equal([errorRate, latency, ratio], verdicts.Select(v => v.Verdict));
        Assert.All(verdicts, v => Assert.Equal(requests, v.Samples));
    }

    [Fact]
    public void Evaluate_ReportsValueAndThreshold()
    {
        var verdicts = GateEvaluator.Evaluate(Gates, Candidate(1000, 20, 100, 300));
        Assert.Equal(0.02, verdicts[0].Value);
        Assert.Equal(0.01, verdicts[0].Threshold);
        Assert.Equal(300, verdicts[1].Value);
        Assert.Equal(3.0, verdicts[2].Value);
        Assert.Equal(2.0, verdicts[2].Threshold);
    }

    [Fact]
    public void Evaluate_UnconfiguredGates_AreOmitted()
    {
        var verdicts = GateEvaluator.Evaluate(new StageGates(MaxP99Ms: 200, MinSamples: 1), Candidate(10, 0, 10, 20));
        Assert.Equal(GateNames.P99Latency, Assert.Single(verdicts).Gate);
    }

    [Fact]
    public void Evaluate_OnlyCandidateNeedsSamples_SoAFullTrafficStageCanPass()
    {
        var window = new WindowMetrics(VariantMetrics.Empty, new VariantMetrics(500, 0, 10, 20, 30));
        Assert.All(GateEvaluator.Evaluate(Gates, window), v => Assert.Equal(Verdict.Pass, v.Verdict));
    }

    [Theory]
    [InlineData(new[] { Verdict.Pass, Verdict.Pass }, Verdict.Pass)]
    [InlineData(new[] { Verdict.Pass, Verdict.InsufficientData }, Verdict.InsufficientData)]
    [InlineData(new[] { Verdict.InsufficientData, Verdict.Fail, Verdict.Pass }, Verdict.Fail)]
    public void Worst_OfVerdicts_PrefersFailThenInsufficient(Verdict[] verdicts, Verdict expected) =>
        Assert.Equal(expected, GateEvaluator.Worst(verdicts.Select(v => new GateVerdict("g", v, 1, 1, 1))));

    [Fact]
    public void Worst_OfNothing_IsNull() => Assert.Null(GateEvaluator.Worst([]));
}
