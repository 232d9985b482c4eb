namespace Lens.Core.Statistics;

/// <summary>
/// Reduces a time series to at most <c>maxPoints</c> points so a day of history draws fast. Consecutive
/// points are grouped into equal runs; each run keeps its first timestamp and merges its values with the
/// caller's combine function (sums for counts, request-weighted means for rates, maxima for tail latency),
/// so spikes are not averaged away when the caller asks for maxima.
/// </summary>
public static class Downsampler
{
    public static IReadOnlyList<T> Reduce<T>(IReadOnlyList<T> points, int maxPoints, Func<IReadOnlyList<T>, T> combine)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(combine);
        if (maxPoints < 1) throw new ArgumentOutOfRangeException(nameof(maxPoints), "At least one point must be kept.");
        if (points.Count <= maxPoints) return points;

        var runLength = (int)Math.Ceiling(points.Count / (double)maxPoints);
        var result = new List<T>(maxPoints);
        for (var start = 0; start < points.Count; start += runLength)
        {
            var run = new List<T>(runLength);
            for (var i = start; i < Math.Min(start + runLength, points.Count); i++) run.Add(points[i]);
            result.Add(combine(run));
        }
        return result;
    }
}
