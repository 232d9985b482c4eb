using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

public class PairedBootstrapTests
{
    [Fact]
    public void Intervals_EveryQueryDiffersEqually_IntervalIsThatDifference()
    {
        var interval = new PairedBootstrap(500).Intervals([[0.2, 0.2, 0.2, 0.2, 0.2]])[0];

        Assert.Equal(0.2, interval.Lower, 12);
        Assert.Equal(0.2, interval.Upper, 12);
    }

    // Reference values come from enumerating every resample, not from this code: for differences (0, 0, 1) the 27
    // equally likely resample means are 0 (8/27), 1/3 (12/27), 2/3 (6/27) and 1 (1/27). The 2.5% quantile is 0, and
    // since F(2/3) = 26/27 ≈ 0.963 < 0.975 the 97.5% quantile is 1. For (1, 2, 3, 6) all 256 resamples give a
    // 10% quantile of 1.75 (F jumps 0.059 → 0.121 there) and a 90% quantile of 4.25 (F jumps 0.879 → 0.926). The
    // quantiles sit well inside those jumps, so 20,000 resamples land on them whatever the seed.
    [Theory]
    [InlineData(new[] { 0.0, 0.0, 1.0 }, 0.95, 0.0, 1.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 6.0 }, 0.80, 1.75, 4.25)]
    public void Intervals_SmallSample_MatchExhaustiveBootstrapQuantiles(double[] differences, double confidence, double lower, double upper)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var interval = new PairedBootstrap(20_000, confidence, seed).Intervals([differences])[0];

            Assert.Equal(lower, interval.Lower, 12);
            Assert.Equal(upper, interval.Upper, 12);
        }
    }

    [Fact]
    public void Intervals_SameSeed_SameIntervalsForEveryMeasure()
    {
        double[] ndcg = [0.1, -0.2, 0.05, 0.3, 0.0, -0.1, 0.2];
        double[] recall = [0.0, 0.1, -0.05, 0.2, 0.1, 0.0, -0.3];

        var first = new PairedBootstrap(1000, 0.95, 42).Intervals([ndcg, recall]);
        var second = new PairedBootstrap(1000, 0.95, 42).Intervals([ndcg, recall]);

        Assert.Equal(first, second);
        Assert.True(first[0].Lower <= ndcg.Average() && ndcg.Average() <= first[0].Upper);
        Assert.True(first[1].Lower <= recall.Average() && recall.Average() <= first[1].Upper);
    }

    [Fact]
    public void Intervals_MeasuresPairDifferentQueries_AreRefused() =>
        Assert.Throws<ArgumentException>(() => new PairedBootstrap(100).Intervals([[1.0, 2.0], [1.0]]));

    [Theory]
    [InlineData(0, 0.95)]
    [InlineData(100, 1.0)]
    [InlineData(100, 0.0)]
    public void Constructor_BadSettings_AreRefused(int iterations, double confidence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairedBootstrap(iterations, confidence));
}
