namespace Lens.Core.Statistics;

/// <summary>
/// Order statistics of the n₁·n₂ differences candidate − baseline between two tied samples, counted with multiplicity,
/// without listing the pairs. How many differences lie at or below a threshold takes one merge-like pass over the two
/// lists of distinct values; bisection over the doubles between the smallest and largest difference then finds the
/// smallest threshold that reaches a rank, in at most 64 passes. The cost is O(64·(k₁ + k₂)) for k distinct values
/// whatever the number of observations, so two histograms of a million latencies each cost about 64 · 2,000 steps.
/// Differences are the doubles x − y as computed (floating-point subtraction is monotone), so the answer is exactly the
/// element that sorting every pair would put at that rank.
/// </summary>
public static class PairwiseDifferences
{
    /// <summary>n₁·n₂, the number of (candidate, baseline) pairs.</summary>
    public static long PairCount(TiedSample candidate, TiedSample baseline)
    {
        try
        {
            return checked(candidate.Total * baseline.Total);
        }
        catch (OverflowException)
        {
            throw new ArgumentException("Too many pairs: n1·n2 must fit in a 64-bit count.");
        }
    }

    /// <summary>How many pairs have candidate − baseline ≤ <paramref name="threshold"/>.</summary>
    public static long CountAtOrBelow(TiedSample candidate, TiedSample baseline, double threshold)
    {
        var x = candidate.Values;
        var cx = candidate.Counts;
        var y = baseline.Values;
        var cy = baseline.Counts;
        var nBaseline = baseline.Total;
        // For each candidate value (ascending), the baseline values y with x − y ≤ threshold are those from index j on;
        // j only moves forward as x grows. "passed" counts the baseline observations before j.
        long count = 0;
        long passed = 0;
        var j = 0;
        for (var i = 0; i < x.Length; i++)
        {
            while (j < y.Length && x[i] - y[j] > threshold) passed += cy[j++];
            count += cx[i] * (nBaseline - passed);
        }
        return count;
    }

    /// <summary>The <paramref name="rank"/>-th smallest difference, 1-based (1 ≤ rank ≤ n₁n₂).</summary>
    public static double OrderStatistic(TiedSample candidate, TiedSample baseline, long rank)
    {
        var pairs = PairCount(candidate, baseline);
        if (rank < 1 || rank > pairs) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"A rank runs from 1 to n1·n2 = {pairs}.");
        var smallest = candidate.Values[0] - baseline.Values[^1];
        var largest = candidate.Values[^1] - baseline.Values[0];
        // Invariant: fewer than rank differences are ≤ value(low); at least rank are ≤ value(high).
        var low = OrderedKey(smallest) - 1;
        var high = OrderedKey(largest);
        while (low < high - 1)
        {
            var middle = (low & high) + ((low ^ high) >> 1);
            if (CountAtOrBelow(candidate, baseline, FromOrderedKey(middle)) >= rank) high = middle;
            else low = middle;
        }
        // Adjacent keys: the count jumps past rank at value(high), so value(high) is itself a difference.
        return FromOrderedKey(high);
    }

    /// <summary>The median of the differences: the middle one, or the mean of the two middle ones (as numpy's median).</summary>
    public static double Median(TiedSample candidate, TiedSample baseline)
    {
        var pairs = PairCount(candidate, baseline);
        if (pairs == 0) throw new ArgumentException("Both samples need at least one value.");
        if (pairs % 2 == 1) return OrderStatistic(candidate, baseline, (pairs + 1) / 2);
        return (OrderStatistic(candidate, baseline, pairs / 2) + OrderStatistic(candidate, baseline, pairs / 2 + 1)) / 2;
    }

    // Doubles mapped to longs in the same order (−0 and +0 to one key), so bisection runs over representable values.
    private static long OrderedKey(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return bits >= 0 ? bits : -(bits & long.MaxValue);
    }

    private static double FromOrderedKey(long key) =>
        key >= 0 ? BitConverter.Int64BitsToDouble(key) : -BitConverter.Int64BitsToDouble(-key);
}
