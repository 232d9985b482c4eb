namespace Lens.Dashboard.Persistence;

/// <summary>
/// Stored aggregate of one variant of one flag over one bucket of time (see MetricsClock.BucketSeconds).
/// Histogram is LatencyHistogram's sparse encoding; ResultSamples and TotalResults give the mean results per query. Written by the ingest journal, read back on start-up.
/// </summary>
public sealed class MetricBucket
{
    public string Flag { get; set; } = "";
    public int Variant { get; set; }
    public long BucketStart { get; set; }
    public long Requests { get; set; }
    public long Errors { get; set; }
    public byte[] Histogram { get; set; } = [];
    /// <summary>Requests in this bucket that reported a result count (0 in rows stored before result counts were kept).</summary>
    public long ResultSamples { get; set; }
    /// <summary>The sum of those requests' result counts.</summary>
    public long TotalResults { get; set; }
    /// <summary>The sum of their squares (0 in rows stored before it was kept).</summary>
    public long TotalResultSquares { get; set; }
}
