namespace Lens.Dashboard.Persistence;

/// <summary>
/// Stored aggregate of one variant of one flag over one bucket of time (see MetricsClock.BucketSeconds).
/// Histogram is LatencyHistogram's sparse encoding. Written by the ingest journal, read back on start-up.
/// </summary>
public sealed class MetricBucket
{
    public string Flag { get; set; } = "";
    public int Variant { get; set; }
    public long BucketStart { get; set; }
    public long Requests { get; set; }
    public long Errors { get; set; }
    public byte[] Histogram { get; set; } = [];
}
