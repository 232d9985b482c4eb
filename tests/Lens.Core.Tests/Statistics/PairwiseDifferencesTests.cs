using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

/// <summary>The order statistics of pairwise differences against sorting every pair, which they must match exactly.</summary>
public sealed class PairwiseDifferencesTests
{
    private static double[] AllDifferencesSorted(double[] candidate, double[] baseline) =>
        candidate.SelectMany(x => baseline.Select(y => x - y)).Order().ToArray();

    [Theory]
    [InlineData(new[] { 1.0 }, new[] { 1.0 })]
    [InlineData(new[] { 3.0, 1, 2 }, new[] { 0.5 })]
    [InlineData(new[] { 2.0, 2, 2, 7 }, new[] { 1.0, 2, 2, 9 })]
    [InlineData(new[] { -4.0, 0, 0.1, 5 }, new[] { -3.0, 0, 0, 0.1 })]
    [InlineData(new[] { 0.1, 0.2, 0.3 }, new[] { 0.3, 0.2, 0.1, 0.15 })]
    [InlineData(new[] { 1e-300, 1e300, 5 }, new[] { -1e300, 3 })]
    public void OrderStatistic_EveryRank_IsTheElementSortingAllPairsPutsThere(double[] candidate, double[] baseline)
    {
        var sorted = AllDifferencesSorted(candidate, baseline);
        var c = TiedSample.FromValues(candidate);
        var b = TiedSample.FromValues(baseline);

        for (var rank = 1; rank <= sorted.Length; rank++)
            Assert.Equal(sorted[rank - 1], PairwiseDifferences.OrderStatistic(c, b, rank));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void OrderStatistic_RandomTiedSamples_MatchesSortingAtRandomRanks(int seed)
    {
        var random = new Random(seed);
        var candidate = Enumerable.Range(0, random.Next(1, 300)).Select(_ => Math.Round(random.NextDouble() * 50 - 10, random.Next(0, 3))).ToArray();
        var baseline = Enumerable.Range(0, random.Next(1, 300)).Select(_ => Math.Round(random.NextDouble() * 40, random.Next(0, 3))).ToArray();
        var sorted = AllDifferencesSorted(candidate, baseline);
        var c = TiedSample.FromValues(candidate);
        var b = TiedSample.FromValues(baseline);

        foreach (var rank in Enumerable.Range(0, 200).Select(_ => random.NextInt64(1, sorted.Length + 1)).Append(1).Append(sorted.Length))
            Assert.Equal(sorted[rank - 1], PairwiseDifferences.OrderStatistic(c, b, rank));
        var middle = sorted.Length / 2;
        Assert.Equal(sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, PairwiseDifferences.Median(c, b));
    }

    [Theory]
    [InlineData(-100.0, 0)]
    [InlineData(-1.5, 1)]
    [InlineData(-1.0, 4)]
    [InlineData(0.0, 7)]
    [InlineData(0.5, 7)]
    [InlineData(1.0, 9)]
    [InlineData(100.0, 9)]
    public void CountAtOrBelow_Threshold_CountsPairsWithMultiplicity(double threshold, long expected)
    {
        // Differences of {1, 2, 2} − {1, 2, 3}: 0, −1, −2 from the 1 and 1, 0, −1 from each 2; sorted −2, −1, −1, −1, 0, 0, 0, 1, 1.
        var c = TiedSample.FromValues([1.0, 2, 2]);
        var b = TiedSample.FromValues([1.0, 2, 3]);

        Assert.Equal(expected, PairwiseDifferences.CountAtOrBelow(c, b, threshold));
    }

    [Fact]
    public void OrderStatistic_InfiniteEdge_ReachesInfinityOnlyAtTheTopRanks()
    {
        var c = TiedSample.FromCounts([1.0, double.PositiveInfinity], [2, 1]);
        var b = TiedSample.FromValues([0.0, 1.0]);

        Assert.Equal([-0.0, 0.0, 1.0, 1.0, double.PositiveInfinity, double.PositiveInfinity],
            Enumerable.Range(1, 6).Select(r => PairwiseDifferences.OrderStatistic(c, b, r)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    public void OrderStatistic_RankOutsideThePairs_Refuses(long rank) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PairwiseDifferences.OrderStatistic(TiedSample.FromValues([1.0, 2, 3]), TiedSample.FromValues([1.0, 2]), rank));

    [Fact]
    public void FromValues_RepeatedValues_FoldsThemIntoCountsInAscendingOrder()
    {
        var sample = TiedSample.FromValues([3.0, 1, 3, 2, 3, 1]);

        Assert.Equal([1.0, 2, 3], sample.Values.ToArray());
        Assert.Equal([2L, 1, 3], sample.Counts.ToArray());
        Assert.Equal(6, sample.Total);
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0 }, new[] { 1L, 1L })]
    [InlineData(new[] { 2.0, 1.0 }, new[] { 1L, 1L })]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 1L, -1L })]
    [InlineData(new[] { 1.0 }, new[] { 1L, 1L })]
    public void FromCounts_ValuesNotAscendingOrCountsInvalid_Refuses(double[] values, long[] counts) =>
        Assert.ThrowsAny<ArgumentException>(() => TiedSample.FromCounts(values, counts));
}
