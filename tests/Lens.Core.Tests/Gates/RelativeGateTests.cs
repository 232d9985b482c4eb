using Lens.Core.Gates;
using Lens.Core.Metrics;

namespace Lens.Core.Tests.Gates;

/// <summary>"Candidate p95 not worse than baseline by more than 10% at 95% confidence", from both p95 intervals.</summary>
public sealed class RelativeGateTests
{
    private static readonly StageGates Gates = new(MaxP95IncreaseVsBaseline: 0.10, MinSamples: 100);

    private static VariantMetrics Variant(long requests, double p95, double low, double high) => new(requests, 0, p95 / 2, p95, p95 * 1.5, P95LowMs: low, P95HighMs: high);

    // baseline p95 [low, high], candidate p95 [low, high] -> verdict, ratio interval
    [Theory]
    [InlineData(100, 98, 102, 100, 98, 102, Verdict.Pass, 0.960784, 1.040816)]       // same latency, tight intervals
    [InlineData(100, 95, 105, 104.5, 99.5, 104.5, Verdict.Pass, 0.947619, 1.1)]      // the interval's top exactly at the limit passes
    [InlineData(100, 95, 105, 105, 100, 110, Verdict.Inconclusive, 0.952381, 1.157895)] // straddles 1.10
    [InlineData(100, 95, 105, 150, 140, 160, Verdict.Fail, 1.333333, 1.684211)]      // even the bottom is above 1.10
    [InlineData(100, 95, 105, 80, 75, 85, Verdict.Pass, 0.714286, 0.894737)]         // faster candidate
    public void Evaluate_BothWindows_JudgesTheRatioIntervalAgainstTheLimit(double bP95, double bLow, double bHigh, double cP95, double cLow, double cHigh,
        Verdict expected, double lower, double upper)
    {
        var verdict = Assert.Single(GateEvaluator.Evaluate(Gates, new WindowMetrics(Variant(1000, bP95, bLow, bHigh), Variant(1000, cP95, cLow, cHigh))));

        Assert.Equal((GateNames.P95VsBaseline, expected), (verdict.Gate, verdict.Verdict));
        Assert.Equal(cP95 / bP95, verdict.Value!.Value, 9);
        Assert.Equal(1.10, verdict.Threshold, 12);
        Assert.Equal(lower, verdict.Lower!.Value, 6);
        Assert.Equal(upper, verdict.Upper!.Value, 6);
    }

    [Theory]
    [InlineData(99, 1000)]
    [InlineData(1000, 99)]
    public void Evaluate_EitherVariantBelowMinSamples_IsInsufficientDataEvenWhenFarWorse(long baseline, long candidate)
    {
        var verdict = Assert.Single(GateEvaluator.Evaluate(Gates, new WindowMetrics(Variant(baseline, 100, 95, 105), Variant(candidate, 300, 290, 310))));

        Assert.Equal(Verdict.InsufficientData, verdict.Verdict);
        Assert.Equal(Math.Min(baseline, candidate), verdict.Samples);
    }

    [Fact]
    public void Describe_Inconclusive_GivesTheIntervalAndTheLimit()
    {
        var verdict = Assert.Single(GateEvaluator.Evaluate(Gates, new WindowMetrics(Variant(1000, 100, 95, 105), Variant(1200, 105, 100, 110))));

        Assert.Equal("p95 vs baseline 1.05× (95% interval 0.95×–1.16×) against a limit of 1.10× on 1,000 samples: Inconclusive", verdict.Describe());
    }

    [Theory]
    [InlineData(new[] { Verdict.Pass, Verdict.InsufficientData, Verdict.Inconclusive }, Verdict.Inconclusive)]
    [InlineData(new[] { Verdict.Inconclusive, Verdict.Fail }, Verdict.Fail)]
    [InlineData(new[] { Verdict.Pass, Verdict.InsufficientData }, Verdict.InsufficientData)]
    [InlineData(new[] { Verdict.Inconclusive, Verdict.Pass }, Verdict.Inconclusive)]
    public void Worst_WithInconclusive_RanksItBelowFailAndAboveInsufficientData(Verdict[] verdicts, Verdict worst) =>
        Assert.Equal(worst, GateEvaluator.Worst(verdicts.Select(v => new GateVerdict("g", v, 1, 1, 1))));

    [Fact]
    public void PercentileInterval_OneToAThousandMs_IsTheOrderStatisticsAroundRank950WidenedToTheirBuckets()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++) histogram.Record(ms);

        // n·q = 950, z·√(n·q·(1−q)) = 1.96·√47.5 = 13.51: ranks ⌊936.49⌋ = 936 and ⌈963.51⌉ + 1 = 965, each widened to the
        // edge of its bucket (about 2% wide), never narrowed.
        var (low, high) = histogram.PercentileInterval(0.95, 1.96)!.Value;

        Assert.InRange(low, 936 * 0.98, 936);
        Assert.InRange(high, 965, 965 * 1.02);
        Assert.Null(new LatencyHistogram().PercentileInterval(0.95, 1.96));
    }

    // n, quantile -> whether a 97.5% interval exists (its upper rank ⌈nq + z√(nq(1−q))⌉ + 1 must be at most n)
    [Theory]
    [InlineData(100, 0.99, false)]
    [InlineData(100, 0.95, false)]
    [InlineData(20, 0.95, false)]
    [InlineData(200, 0.95, true)]
    [InlineData(2000, 0.99, true)]
    [InlineData(10, 0.50, true)]
    public void PercentileInterval_SmallSamples_HasNoIntervalRatherThanTheSampleExtremes(int n, double quantile, bool exists)
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= n; i++) histogram.Record(i);

        Assert.Equal(exists, histogram.PercentileInterval(quantile, 2.241402727604947) is not null);
    }

    // baseline errors/requests, candidate errors/requests -> verdict against "at most 0.5 pp higher"
    [Theory]
    [InlineData(10, 5000, 12, 5000, Verdict.Pass)]
    [InlineData(10, 5000, 100, 5000, Verdict.Fail)]
    [InlineData(10, 300, 12, 300, Verdict.Inconclusive)]
    [InlineData(0, 5000, 0, 5000, Verdict.Pass)]           // clean on both sides: still judged, not stuck
    [InlineData(0, 150, 0, 150, Verdict.Inconclusive)]     // clean, but too few to rule out half a point
    [InlineData(10, 99, 12, 5000, Verdict.InsufficientData)]
    public void Evaluate_ErrorRateAgainstBaseline_JudgesTheAlwaysValidIntervalAgainstTheAllowedIncrease(long be, long bn, long ce, long cn, Verdict expected)
    {
        var gates = new StageGates(MaxErrorRateIncreaseVsBaseline: 0.005, MinSamples: 100);
        var window = new WindowMetrics(new VariantMetrics(bn, be, 10, 20, 30), new VariantMetrics(cn, ce, 10, 20, 30));

        var verdict = Assert.Single(GateEvaluator.Evaluate(gates, window));

        Assert.Equal((GateNames.ErrorRateVsBaseline, expected), (verdict.Gate, verdict.Verdict));
        Assert.Equal((double)ce / cn - (double)be / bn, verdict.Value!.Value, 12);
        if (expected != Verdict.InsufficientData) Assert.True(verdict.Lower <= verdict.Value && verdict.Value <= verdict.Upper);
    }

    [Fact]
    public void Evaluate_ErrorRateAgainstBaselineWithAMismatchedSplit_NeverPasses()
    {
        var gates = new StageGates(MaxErrorRateIncreaseVsBaseline: 0.005, MinSamples: 100);
        var window = new WindowMetrics(new VariantMetrics(5000, 10, 10, 20, 30), new VariantMetrics(5000, 12, 10, 20, 30));

        Assert.Equal(Verdict.Inconclusive, Assert.Single(GateEvaluator.Evaluate(gates, window, sampleRatioMismatch: true)).Verdict);
    }
}
