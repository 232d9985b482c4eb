using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

public class DownsamplerTests
{
    [Theory]
    [InlineData(10, 20, 10)]     // fewer points than the limit: untouched
    [InlineData(120, 120, 120)]
    [InlineData(121, 120, 61)]   // runs of 2
    [InlineData(8640, 120, 120)] // a day of 10-second buckets: runs of 72
    [InlineData(1000, 7, 7)]     // runs of 143, the last shorter
    public void Reduce_ManyPoints_KeepsAtMostTheLimit(int count, int max, int expected)
    {
        var points = Enumerable.Range(0, count).ToArray();
        Assert.Equal(expected, Downsampler.Reduce(points, max, run => run[0]).Count);
    }

    [Fact]
    public void Reduce_WithSum_PreservesTheTotal()
    {
        var points = Enumerable.Range(1, 1000).Select(i => (long)i).ToArray();
        var reduced = Downsampler.Reduce(points, 30, run => run.Sum());
        Assert.Equal(points.Sum(), reduced.Sum());
    }

    [Fact]
    public void Reduce_WithMax_KeepsASingleSpike()
    {
        var points = Enumerable.Repeat(10.0, 5000).ToArray();
        points[3217] = 900;
        Assert.Equal(900, Downsampler.Reduce(points, 100, run => run.Max()).Max());
    }

    [Fact]
    public void Reduce_KeepsOrderAndFirstOfEachRun() =>
        Assert.Equal([0, 3, 6, 9], Downsampler.Reduce(Enumerable.Range(0, 10).ToArray(), 4, run => run[0]));

    [Fact]
    public void Reduce_ZeroLimit_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Downsampler.Reduce([1, 2], 0, run => run[0]));
}
