using Lens.Core.Metrics;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

/// <summary>
/// Judging from the histograms a stage window keeps, against judging the exact latencies: the exact figures must lie in
/// the bounds the histogram judgement states, the Hodges–Lehmann shift must differ by at most α·(median baseline +
/// median candidate), decisions must agree away from the boundary, and the bucketed test must keep its false-alarm rate.
/// </summary>
public sealed class HistogramMannWhitneyTests
{
    private const double Alpha = 0.05;

    private static double[] LogNormal(Random random, int n, double median, double sigma) =>
        Enumerable.Range(0, n).Select(_ =>
        {
            // Box–Muller: one standard normal from two uniforms.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return median * Math.Exp(sigma * z);
        }).ToArray();

    private static LatencyHistogram Histogram(IEnumerable<double> latencies)
    {
        var histogram = new LatencyHistogram();
        foreach (var latency in latencies) histogram.Record(latency);
        return histogram;
    }

    private static double Median(double[] values) => Percentile.NearestRank(values, 50)!.Value;

    [Theory]
    [InlineData(1, 1.00, 2000, 0.5)]
    [InlineData(2, 1.00, 20000, 0.5)]
    [InlineData(3, 1.005, 20000, 0.5)]
    [InlineData(4, 1.02, 5000, 0.8)]
    [InlineData(5, 1.05, 3000, 0.3)]
    [InlineData(6, 0.9, 1000, 1.0)]
    [InlineData(7, 1.3, 300, 0.5)]
    [InlineData(8, 1.00, 50, 0.5)]
    public void Compare_LogNormalLatencies_ExactFiguresLieWithinTheStatedBounds(int seed, double shift, int n, double sigma)
    {
        var random = new Random(seed);
        var baseline = LogNormal(random, n, 100, sigma);
        var candidate = LogNormal(random, n + n / 3, 100 * shift, sigma);

        var exact = MannWhitneyTest.Compare(baseline, candidate);
        var judged = HistogramMannWhitney.Compare(Histogram(baseline), Histogram(candidate))!;

        var test = judged.Test;
        Assert.InRange(exact.U, test.U - judged.UErrorBound, test.U + judged.UErrorBound);
        Assert.InRange(exact.CommonLanguageEffectSize - test.CommonLanguageEffectSize, -judged.UErrorBound / (n * (n + n / 3.0)), judged.UErrorBound / (n * (n + n / 3.0)));
        Assert.True(judged.ExactP.Contains(exact.P), $"exact p {exact.P:R} outside [{judged.ExactP.Lower:R}, {judged.ExactP.Upper:R}]");
        Assert.True(judged.ExactShift.Contains(exact.HodgesLehmannShift), $"exact shift {exact.HodgesLehmannShift:R} outside [{judged.ExactShift.Lower:R}, {judged.ExactShift.Upper:R}]");
        var stated = LatencyHistogram.RelativeAccuracy * (Median(baseline) + Median(candidate));
        Assert.True(Math.Abs(test.HodgesLehmannShift - exact.HodgesLehmannShift) <= stated,
            $"shift from histograms {test.HodgesLehmannShift:R}, exact {exact.HodgesLehmannShift:R}: more than α·(medians) = {stated:R} apart");
        Assert.True(Math.Abs(test.HodgesLehmannInterval.Lower - exact.HodgesLehmannInterval.Lower) <= stated);
        Assert.True(Math.Abs(test.HodgesLehmannInterval.Upper - exact.HodgesLehmannInterval.Upper) <= stated);
    }

    [Fact]
    public void Compare_LogNormalLatencies_DecisionsAgreeAwayFromTheBoundary()
    {
        var random = new Random(20261205);
        var clearCases = 0;
        var rejected = 0;
        foreach (var shift in new[] { 1.0, 1.01, 1.03, 1.06, 0.95, 1.15 })
            for (var repeat = 0; repeat < 15; repeat++)
            {
                var baseline = LogNormal(random, 1500, 80, 0.6);
                var candidate = LogNormal(random, 1200, 80 * shift, 0.6);
                var exact = MannWhitneyTest.Compare(baseline, candidate).P;
                var judged = HistogramMannWhitney.Compare(Histogram(baseline), Histogram(candidate))!.Test.P;
                if (exact is > Alpha / 4 and < Alpha * 4) continue;
                clearCases++;
                if (exact < Alpha) rejected++;
                Assert.True(exact < Alpha == judged < Alpha, $"shift {shift}: exact p {exact:R}, from histograms {judged:R}");
            }
        // Both kinds of clear decision were exercised.
        Assert.True(clearCases >= 60 && rejected >= 20 && clearCases - rejected >= 20, $"{clearCases} clear cases, {rejected} rejections");
    }

    [Fact]
    public void Compare_AaLatencies_RejectsAboutAlphaOfTheTime()
    {
        // Rounding to buckets is one function applied to both variants, so identical distributions stay identical and the
        // tie-corrected test keeps its level.
        var random = new Random(20261206);
        const int runs = 400;
        var rejections = 0;
        for (var run = 0; run < runs; run++)
        {
            var judged = HistogramMannWhitney.Compare(Histogram(LogNormal(random, 500, 40, 0.4)), Histogram(LogNormal(random, 500, 40, 0.4)))!;
            if (judged.Test.P < Alpha) rejections++;
        }
        // Binomial(400, 0.05): mean 20, standard deviation 4.4.
        Assert.InRange(rejections, 8, 32);
    }

    [Fact]
    public void Compare_LatenciesAtBucketValues_IsExactlyTheTestOfThoseValues()
    {
        var random = new Random(11);
        var baseline = Enumerable.Range(0, 700).Select(_ => LatencyHistogram.ValueOf(random.Next(300, 700))).ToArray();
        var candidate = Enumerable.Range(0, 400).Select(_ => LatencyHistogram.ValueOf(random.Next(320, 720))).ToArray();

        var exact = MannWhitneyTest.Compare(baseline, candidate, MannWhitneyAlternative.Greater, 0.9);
        var judged = HistogramMannWhitney.Compare(Histogram(baseline), Histogram(candidate), MannWhitneyAlternative.Greater, 0.9)!;

        Assert.Equal(exact, judged.Test);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.0009)]
    [InlineData(0.00101)]
    [InlineData(0.37)]
    [InlineData(12.5)]
    [InlineData(199.99)]
    [InlineData(98_765.4)]
    [InlineData(3_599_999.0)]
    [InlineData(7_200_000.0)]
    public void Edges_RecordedLatency_LieOnEitherSideOfIt(double latency)
    {
        var bucket = LatencyHistogram.BucketOf(latency);

        Assert.InRange(latency, LatencyHistogram.LowerEdgeOf(bucket), LatencyHistogram.UpperEdgeOf(bucket));
        Assert.InRange(LatencyHistogram.ValueOf(bucket), LatencyHistogram.LowerEdgeOf(bucket), LatencyHistogram.UpperEdgeOf(bucket));
    }

    [Fact]
    public void Edges_NeighbouringBuckets_TouchWithoutGaps()
    {
        for (var bucket = 1; bucket < LatencyHistogram.BucketCount - 1; bucket++)
            Assert.InRange(LatencyHistogram.LowerEdgeOf(bucket + 1) / LatencyHistogram.UpperEdgeOf(bucket), 1 - 1e-8, 1);
    }

    [Fact]
    public void Compare_EmptyHistogram_HasNothingToJudge()
    {
        Assert.Null(HistogramMannWhitney.Compare(new LatencyHistogram(), Histogram([1.0, 2.0])));
        Assert.Null(HistogramMannWhitney.Compare(Histogram([1.0, 2.0]), new LatencyHistogram()));
    }
}
