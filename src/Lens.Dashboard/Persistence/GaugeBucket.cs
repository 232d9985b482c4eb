namespace Lens.Dashboard.Persistence;

/// <summary>
/// Stored aggregate of one gauge of one variant of one flag over one bucket of time (see MetricsClock.BucketSeconds):
/// how many reports, their sum, lowest and highest. Written by the ingest journal, read back on start-up.
/// </summary>
public sealed class GaugeBucket
{
    public string Flag { get; set; } = "";
    public int Variant { get; set; }
    public string Name { get; set; } = "";
    public long BucketStart { get; set; }
    public long Samples { get; set; }
    public double Sum { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }
}
