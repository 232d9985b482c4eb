namespace Lens.Core.Statistics;

/// <summary>The nearest-rank percentile: the smallest value with at least p% of the values at or below it.</summary>
public static class Percentile
{
    public static double? NearestRank(IEnumerable<double> values, double percent)
    {
        if (percent is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentage above 0 and at most 100");
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var rank = (int)Math.Ceiling(Math.Round(percent / 100 * sorted.Length, 9));
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
