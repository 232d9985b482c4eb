using Lens.Core.Statistics;

namespace Lens.Core.Calibration;

/// <summary>
/// The reliability curve exactly as scikit-learn 1.2's <c>calibration_curve(y, p, n_bins, strategy)</c> computes it,
/// edge cases included: edges are <c>i × (1/n)</c> (numpy's linspace), or the scores' percentiles with numpy's linear
/// interpolation; a score equal to an inner edge belongs to the bin below it (searchsorted, side left); empty bins are
/// left out.
/// </summary>
public static class ReliabilityCurve
{
    public static IReadOnlyList<ReliabilityBin> Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> clicked, int bins, BinStrategy strategy) =>
        Compute(ScoreHistogram.From(scores, clicked), bins, strategy);

    /// <summary>The curve of impressions grouped by score (increasing), as if each had been passed one by one.</summary>
    public static IReadOnlyList<ReliabilityBin> Compute(ScoreCount[] histogram, int bins, BinStrategy strategy)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "A curve needs at least one bin.");
        var edges = Edges(histogram, bins, strategy);
        var count = new long[bins];
        var sum = new double[bins];
        var positive = new long[bins];
        foreach (var c in histogram)
        {
            var bin = BinOf(c.Score, edges);
            count[bin] += c.Impressions;
            sum[bin] += c.Score * c.Impressions;
            positive[bin] += c.Clicks;
        }
        var curve = new List<ReliabilityBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            if (count[b] == 0) continue;
            var rate = (double)positive[b] / count[b];
            var (low, high) = WilsonInterval.Of(positive[b], count[b]);
            curve.Add(new ReliabilityBin(edges[b], edges[b + 1], (int)Math.Min(count[b], int.MaxValue), sum[b] / count[b], rate, low, high));
        }
        return curve;
    }

    /// <summary>The bins' n + 1 edges.</summary>
    private static double[] Edges(ScoreCount[] histogram, int bins, BinStrategy strategy)
    {
        var edges = new double[bins + 1];
        var step = 1.0 / bins;
        if (strategy == BinStrategy.Uniform)
        {
            for (var i = 0; i <= bins; i++) edges[i] = i * step;
            edges[bins] = 1.0;
            return edges;
        }
        var cumulative = new long[histogram.Length];
        long total = 0;
        for (var i = 0; i < histogram.Length; i++) cumulative[i] = total += histogram[i].Impressions;
        for (var i = 0; i <= bins; i++)
        {
            // numpy: linspace(0, 1, n + 1) * 100, then percentile divides by 100 again before taking the virtual index.
            var q = i == bins ? 1.0 : i * step;
            edges[i] = Percentile(histogram, cumulative, total, q * 100 / 100);
        }
        return edges;
    }

    /// <summary>numpy's "linear" percentile of the impressions' scores, with its two-sided interpolation formula.</summary>
    private static double Percentile(ScoreCount[] histogram, long[] cumulative, long total, double q)
    {
        if (total == 0) return double.NaN;
        var virtualIndex = q * (total - 1);
        var below = Math.Floor(virtualIndex);
        var lower = (long)Math.Clamp(below, 0, total - 1);
        var upper = Math.Min(lower + 1, total - 1);
        var t = virtualIndex - below;
        var a = ScoreAt(histogram, cumulative, lower);
        var b = ScoreAt(histogram, cumulative, upper);
        var diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /// <summary>The score at a position in the impressions sorted by score.</summary>
    private static double ScoreAt(ScoreCount[] histogram, long[] cumulative, long position)
    {
        var i = Array.BinarySearch(cumulative, position + 1);
        if (i < 0) i = ~i;
        return histogram[i].Score;
    }

    /// <summary>The bin a score falls in: the count of inner edges strictly below it.</summary>
    private static int BinOf(double score, double[] edges)
    {
        int lo = 1, hi = edges.Length - 1;
        // First inner edge ≥ score, over edges[1..n-1].
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] < score) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }
}
