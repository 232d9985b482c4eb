namespace Lens.Dashboard.Persistence;

/// <summary>
/// One variant of one flag over one minute: 5-second <see cref="MetricBucket"/>s folded together once they pass
/// Retention:FineMetrics. Sums, counts and the latency histogram are added, so totals over any span of whole minutes stay exact.
/// </summary>
public sealed class MetricMinuteBucket
{
    public string Flag { get; set; } = "";
    public int Variant { get; set; }
    /// <summary>Unix second the minute starts at (a multiple of 60).</summary>
    public long MinuteStart { get; set; }
    public long Requests { get; set; }
    public long Errors { get; set; }
    public byte[] Histogram { get; set; } = [];
    public long ResultSamples { get; set; }
    public long TotalResults { get; set; }
    public long TotalResultSquares { get; set; }
}
