namespace Lens.Core.Calibration;

/// <summary>How many scores, their mean and their (population) standard deviation: what drift is judged on.</summary>
public sealed record ScoreSummary(long Count, double Mean, double StandardDeviation)
{
    public static ScoreSummary From(ScoreCount[] histogram)
    {
        long n = 0;
        double sum = 0;
        foreach (var c in histogram)
        {
            n += c.Impressions;
            sum += c.Score * c.Impressions;
        }
        if (n == 0) throw new ArgumentException("A summary needs at least one score.", nameof(histogram));
        var mean = sum / n;
        // Second pass around the mean: subtracting squares of large sums loses the digits that matter.
        double squares = 0;
        foreach (var c in histogram) squares += (c.Score - mean) * (c.Score - mean) * c.Impressions;
        return new ScoreSummary(n, mean, Math.Sqrt(squares / n));
    }

    /// <summary>The summary of all the scores of several days together, exactly as if they had been one list.</summary>
    public static ScoreSummary Pool(IReadOnlyCollection<ScoreSummary> days)
    {
        var n = days.Sum(d => d.Count);
        if (n == 0) throw new ArgumentException("Pooling needs at least one score.", nameof(days));
        var mean = days.Sum(d => d.Mean * d.Count) / n;
        // Within-day spread plus the spread of the day means around the pooled mean.
        var variance = days.Sum(d => d.Count * (d.StandardDeviation * d.StandardDeviation + (d.Mean - mean) * (d.Mean - mean))) / n;
        return new ScoreSummary(n, mean, Math.Sqrt(Math.Max(0, variance)));
    }
}
