namespace Lens.Core.Metrics;

/// <summary>
/// What one variant did over one window. Percentiles are null on an empty window. ResultSamples counts the
/// requests that reported how many results they returned (resultCount is optional on ingest) and TotalResults
/// adds those counts up; the mean results per query is over those requests only. P95LowMs..P95HighMs is a 97.5%
/// distribution-free interval for the p95: two of them side by side hold both true p95s at once at least 95% of the time.
/// The p50 and p99 have theirs too, for the comparison page.
/// </summary>
public sealed record VariantMetrics(long Requests, long Errors, double? P50Ms, double? P95Ms, double? P99Ms,
    long ResultSamples = 0, long TotalResults = 0, double? P95LowMs = null, double? P95HighMs = null,
    double? P50LowMs = null, double? P50HighMs = null, double? P99LowMs = null, double? P99HighMs = null, long TotalResultSquares = 0)
{
    public static readonly VariantMetrics Empty = new(0, 0, null, null, null);

    public double? ErrorRate => Requests == 0 ? null : (double)Errors / Requests;

    /// <summary>Mean results per query over the requests that reported a result count; null when none did.</summary>
    public double? ResultsPerQuery => ResultSamples == 0 ? null : (double)TotalResults / ResultSamples;

    /// <summary>The sample standard deviation of results per query; null under two samples (or rows stored before squares were kept).</summary>
    public double? ResultsPerQueryStandardDeviation
    {
        get
        {
            if (ResultSamples < 2 || (TotalResultSquares == 0 && TotalResults > 0)) return null;
            var mean = (double)TotalResults / ResultSamples;
            var variance = ((double)TotalResultSquares - ResultSamples * mean * mean) / (ResultSamples - 1);
            return Math.Sqrt(Math.Max(0, variance));
        }
    }
}
