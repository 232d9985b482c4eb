using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

public class PercentileTests
{
    // The nearest-rank worked example: the ordered list 15, 20, 35, 40, 50 (rank = ⌈P/100 × N⌉).
    [Theory]
    [InlineData(5, 15)]
    [InlineData(30, 20)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(95, 50)]
    [InlineData(100, 50)]
    public void NearestRank_TextbookList_GivesTheRankedValue(double percent, double expected) =>
        Assert.Equal(expected, Percentile.NearestRank([50, 15, 40, 20, 35], percent));

    [Fact]
    public void NearestRank_HundredValues_P95IsTheNinetyFifth() =>
        Assert.Equal(95, Percentile.NearestRank(Enumerable.Range(1, 100).Select(i => (double)i).Reverse(), 95));

    [Fact]
    public void NearestRank_NoValues_IsNull() => Assert.Null(Percentile.NearestRank([], 95));
}
