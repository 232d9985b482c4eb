namespace Lens.Core.Calibration;

/// <summary>Impressions grouped by exact score, in increasing score order: the form every calibration figure is computed from.</summary>
public static class ScoreHistogram
{
    public static ScoreCount[] From(ReadOnlySpan<double> scores, ReadOnlySpan<bool> clicked)
    {
        if (scores.Length != clicked.Length) throw new ArgumentException("Each score needs its click.", nameof(clicked));
        var sorted = scores.ToArray();
        var clicks = new bool[clicked.Length];
        clicked.CopyTo(clicks);
        Array.Sort(sorted, clicks);
        var result = new List<ScoreCount>();
        for (var i = 0; i < sorted.Length;)
        {
            var score = sorted[i];
            long n = 0, c = 0;
            for (; i < sorted.Length && sorted[i] == score; i++)
            {
                n++;
                if (clicks[i]) c++;
            }
            result.Add(new ScoreCount(score, n, c));
        }
        return [.. result];
    }

    /// <summary>Adds histograms together (a day's batches, or several days), keeping increasing score order.</summary>
    public static ScoreCount[] Merge(IEnumerable<ScoreCount> counts) =>
        [.. counts.GroupBy(c => c.Score).Select(g => new ScoreCount(g.Key, g.Sum(c => c.Impressions), g.Sum(c => c.Clicks))).OrderBy(c => c.Score)];

    /// <summary>Each score replaced by its calibrated value, equal values merged: the histogram of calibrated scores.</summary>
    public static ScoreCount[] Calibrated(ScoreCount[] histogram, IsotonicCalibration map) =>
        Merge(histogram.Select(c => c with { Score = map.Apply(c.Score) }));

    public static long Impressions(ScoreCount[] histogram) => histogram.Sum(c => c.Impressions);
}
