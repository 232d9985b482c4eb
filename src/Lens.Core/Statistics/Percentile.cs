namespace Lens.Core.Statistics;

/// <summary>
/// The nearest-rank percentile: the smallest value with at least p% of the values at or below it, that is the
/// inverse of the empirical distribution function. Latency gates and bootstrap intervals both read quantiles this way.
/// </summary>
public static class Percentile
{
    public static double? NearestRank(IEnumerable<double> values, double percent)
    {
        if (percent is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentage above 0 and at most 100");
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : OfSorted(sorted, percent / 100);
    }

    /// <summary>The quantile at <paramref name="fraction"/> (0 to 1] of values already sorted ascending.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double fraction)
    {
        // Rounding guards fraction × n landing a hair above a whole number through floating point.
        var rank = (int)Math.Ceiling(Math.Round(fraction * sorted.Count, 9));
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
