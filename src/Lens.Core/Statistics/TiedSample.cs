using Lens.Core.Metrics;

namespace Lens.Core.Statistics;

/// <summary>
/// A sample as its distinct values in ascending order, each with how often it occurs. Rank statistics work on this form
/// because ties are explicit in it and its size is the number of distinct values, not of observations: a raw sample
/// becomes one by sorting, and a latency histogram already is one (each bucket's representative value with the bucket's
/// count), so a window of a million requests per variant costs about as much to judge as a window of a thousand.
/// </summary>
public sealed class TiedSample
{
    private readonly double[] _values;
    private readonly long[] _counts;

    private TiedSample(double[] values, long[] counts, long total)
    {
        _values = values;
        _counts = counts;
        Total = total;
    }

    /// <summary>The distinct values, strictly ascending.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>How often each of <see cref="Values"/> occurs; every count is positive.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>The number of observations.</summary>
    public long Total { get; }

    public int DistinctCount => _values.Length;

    public static TiedSample FromValues(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        return FromOwnedArray(sorted);
    }

    public static TiedSample FromValues(ReadOnlySpan<double> values) => FromOwnedArray(values.ToArray());

    /// <summary>Distinct values in strictly ascending order with their counts; a value with a zero count is left out.</summary>
    public static TiedSample FromCounts(IReadOnlyList<double> values, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        if (values.Count != counts.Count) throw new ArgumentException("Give one count per value.", nameof(counts));
        var kept = new List<(double Value, long Count)>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i])) throw new ArgumentOutOfRangeException(nameof(values), "A value cannot be NaN.");
            if (counts[i] < 0) throw new ArgumentOutOfRangeException(nameof(counts), "A count cannot be negative.");
            if (i > 0 && !(values[i] > values[i - 1])) throw new ArgumentException("Values must be strictly ascending.", nameof(values));
            if (counts[i] > 0) kept.Add((values[i], counts[i]));
        }
        return new TiedSample(kept.Select(k => k.Value).ToArray(), kept.Select(k => k.Count).ToArray(), checked(kept.Sum(k => k.Count)));
    }

    /// <summary>Every latency a histogram holds, at its bucket's representative value (<see cref="LatencyHistogram.ValueOf"/>).</summary>
    public static TiedSample FromHistogram(LatencyHistogram histogram) => FromHistogram(histogram, LatencyHistogram.ValueOf);

    /// <summary>A histogram's counts placed at any ascending function of the bucket index (its edges, for bounds).</summary>
    public static TiedSample FromHistogram(LatencyHistogram histogram, Func<int, double> valueOfBucket)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(valueOfBucket);
        var buckets = histogram.BucketCounts;
        var used = 0;
        foreach (var count in buckets) if (count > 0) used++;
        var values = new double[used];
        var counts = new long[used];
        var at = 0;
        for (var bucket = 0; bucket < buckets.Length; bucket++)
        {
            if (buckets[bucket] == 0) continue;
            values[at] = valueOfBucket(bucket);
            counts[at] = buckets[bucket];
            if (at > 0 && !(values[at] > values[at - 1])) throw new ArgumentException("The bucket values must be strictly ascending.", nameof(valueOfBucket));
            at++;
        }
        return new TiedSample(values, counts, histogram.Count);
    }

    // Sorts the caller's fresh copy in place and folds runs of equal values into counts.
    private static TiedSample FromOwnedArray(double[] sorted)
    {
        foreach (var v in sorted)
            if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(sorted), v, "Every value must be a finite number.");
        Array.Sort(sorted);
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
            if (i == 0 || sorted[i] != sorted[i - 1]) distinct++;
        var values = new double[distinct];
        var counts = new long[distinct];
        var at = -1;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1]) values[++at] = sorted[i];
            counts[at]++;
        }
        return new TiedSample(values, counts, sorted.Length);
    }
}
