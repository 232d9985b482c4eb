using Lens.Core.Bench;
using Lens.Core.Gates;

namespace Lens.Core.Tests.Bench;

public class ReleaseGatesTests
{
    private static BenchGateResult Gate(BenchFigures figures, string name, ReleaseGatePolicy? policy = null) =>
        ReleaseGates.Evaluate(figures, policy ?? ReleaseGatePolicy.Default).Single(g => g.Gate == name);

    private static BenchFigures Live(double ndcg = 0, double recall = 0, double baseP95 = 100, double p95 = 100, double p99 = 150, double spans = 1) =>
        new(ndcg, recall, baseP95, p95, p99, spans);

    [Theory]
    [InlineData(0.0, Verdict.Pass)]
    [InlineData(0.012, Verdict.Pass)]
    [InlineData(-0.0001, Verdict.Fail)]
    public void Evaluate_NdcgDelta_MustNotBeNegative(double delta, Verdict expected) =>
        Assert.Equal(expected, Gate(Live(ndcg: delta), ReleaseGates.Ndcg).Verdict);

    [Theory]
    [InlineData(0.0, Verdict.Pass)]
    [InlineData(-0.02, Verdict.Fail)]
    public void Evaluate_RecallDelta_MustNotBeNegative(double delta, Verdict expected) =>
        Assert.Equal(expected, Gate(Live(recall: delta), ReleaseGates.Recall).Verdict);

    [Theory]
    [InlineData(100, 110, Verdict.Pass)]
    [InlineData(100, 110.01, Verdict.Fail)]
    [InlineData(100, 80, Verdict.Pass)]
    [InlineData(40, 44, Verdict.Pass)]
    [InlineData(40, 44.1, Verdict.Fail)]
    public void Evaluate_P95_AtMostTenPercentAboveBaseline(double baseline, double candidate, Verdict expected)
    {
        var gate = Gate(Live(baseP95: baseline, p95: candidate, p99: candidate), ReleaseGates.P95);

        Assert.Equal(expected, gate.Verdict);
        Assert.Equal(candidate / baseline - 1, gate.Value!.Value, 12);
    }

    [Theory]
    [InlineData(100, 200, Verdict.Pass)]
    [InlineData(100, 201, Verdict.Fail)]
    public void Evaluate_TailRatio_AtMostTwo(double p95, double p99, Verdict expected) =>
        Assert.Equal(expected, Gate(Live(baseP95: p95, p95: p95, p99: p99), ReleaseGates.TailRatio).Verdict);

    [Theory]
    [InlineData(1.0, Verdict.Pass)]
    [InlineData(0.999, Verdict.Fail)]
    public void Evaluate_SpanCoverage_MustBeComplete(double coverage, Verdict expected) =>
        Assert.Equal(expected, Gate(Live(spans: coverage), ReleaseGates.Spans).Verdict);

    [Fact]
    public void Evaluate_CustomPolicy_UsesItsThresholds()
    {
        var policy = new ReleaseGatePolicy(MinNdcgDelta: -0.01, MaxP95Increase: 0.5, MaxTailRatio: 3, MinSpanCoverage: 0.9);
        var figures = Live(ndcg: -0.005, baseP95: 100, p95: 140, p99: 400, spans: 0.95);

        Assert.All(ReleaseGates.Evaluate(figures, policy), g => Assert.Equal(Verdict.Pass, g.Verdict));
        Assert.Equal(Verdict.Fail, ReleaseGates.Overall(ReleaseGates.Evaluate(figures, ReleaseGatePolicy.Default)));
    }

    [Fact]
    public void Evaluate_RunFilesOnly_LatencyAndSpansAreNotJudged()
    {
        var gates = ReleaseGates.Evaluate(new BenchFigures(0.01, 0.0), ReleaseGatePolicy.Default);

        Assert.Equal(Verdict.Pass, gates.Single(g => g.Gate == ReleaseGates.Ndcg).Verdict);
        Assert.All(gates.Where(g => g.Gate is ReleaseGates.P95 or ReleaseGates.TailRatio or ReleaseGates.Spans),
            g => Assert.Equal(Verdict.InsufficientData, g.Verdict));
        Assert.Equal(Verdict.InsufficientData, ReleaseGates.Overall(gates));
    }

    [Fact]
    public void Overall_AllPass_Passes() =>
        Assert.Equal(Verdict.Pass, ReleaseGates.Overall(ReleaseGates.Evaluate(Live(), ReleaseGatePolicy.Default)));

    [Fact]
    public void Evaluate_LatencyFails_EvidenceNamesBothP95s() =>
        Assert.Equal("candidate p95 130 ms vs baseline 100 ms (limit 110 ms)", Gate(Live(p95: 130, p99: 130), ReleaseGates.P95).Evidence);
}
