using Lens.Core.Metrics;

namespace Lens.Core.Tests.Metrics;

public class LatencyHistogramTests
{
    // Reference: the nearest-rank percentile of the raw samples (the value at rank ceil(q*n) of the sorted list).
    private static double NearestRank(double[] sorted, double q) => sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Length)) - 1];

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.95)]
    [InlineData(3, 0.99)]
    [InlineData(4, 0.999)]
    [InlineData(5, 0.5)]
    public void Percentile_OnSkewedSamples_IsWithinOnePercentOfTheExactNearestRankValue(int seed, double q)
    {
        var random = new Random(seed);
        var samples = Enumerable.Range(0, 50_000).Select(_ => Math.Exp(Math.Log(20) + 1.2 * (random.NextDouble() * 2 - 1) * 3)).ToArray();
        var histogram = new LatencyHistogram();
        foreach (var s in samples) histogram.Record(s);
        Array.Sort(samples);

        var exact = NearestRank(samples, q);
        var estimate = histogram.Percentile(q)!.Value;
        Assert.InRange(Math.Abs(estimate - exact) / exact, 0, LatencyHistogram.RelativeAccuracy);
    }

    [Theory]
    [InlineData(0.0015)]
    [InlineData(0.37)]
    [InlineData(12.5)]
    [InlineData(199.99)]
    [InlineData(200.01)]
    [InlineData(98_765.4)]
    public void ValueOf_BucketOfValue_IsWithinOnePercent(double value) =>
        Assert.InRange(Math.Abs(LatencyHistogram.ValueOf(LatencyHistogram.BucketOf(value)) - value) / value, 0, 0.01);

    [Fact]
    public void Percentile_OfEmptyHistogram_IsNull() => Assert.Null(new LatencyHistogram().Percentile(0.99));

    [Fact]
    public void Percentile_FollowsNearestRank_OnSmallSets()
    {
        var h = new LatencyHistogram();
        foreach (var v in new double[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }) h.Record(v);
        Assert.InRange(h.Percentile(0.5)!.Value, 49.5, 50.5);   // rank 5
        Assert.InRange(h.Percentile(0.95)!.Value, 99, 101);     // rank 10
        Assert.InRange(h.Percentile(0.1)!.Value, 9.9, 10.1);    // rank 1
    }

    [Fact]
    public void ToBytes_MergeBytes_RoundTripsEveryCount()
    {
        var h = new LatencyHistogram();
        var random = new Random(9);
        for (var i = 0; i < 5000; i++) h.Record(random.NextDouble() * 500);
        var copy = new LatencyHistogram();
        copy.MergeBytes(h.ToBytes());
        Assert.Equal(h.Count, copy.Count);
        foreach (var q in new[] { 0.01, 0.5, 0.9, 0.99, 1.0 }) Assert.Equal(h.Percentile(q), copy.Percentile(q));
    }

    [Fact]
    public void MergeBytes_Corrupt_Throws() =>
        Assert.Throws<FormatException>(() => new LatencyHistogram().MergeBytes(new byte[7]));

    [Fact]
    public void BucketOf_ExtremeValues_AreClamped()
    {
        Assert.Equal(0, LatencyHistogram.BucketOf(0));
        Assert.Equal(LatencyHistogram.BucketCount - 1, LatencyHistogram.BucketOf(1e12));
    }
}
