namespace Lens.Core.Metrics;

/// <summary>Requests, errors and latencies of one variant over one window. Not thread-safe.</summary>
public sealed class VariantAccumulator
{
    public long Requests { get; private set; }
    public long Errors { get; private set; }
    public LatencyHistogram Latency { get; } = new();

    public void Add(int latencyBucket, bool ok)
    {
        Requests++;
        if (!ok) Errors++;
        Latency.RecordBucket(latencyBucket, 1);
    }

    public void Add(long requests, long errors, ReadOnlySpan<byte> histogram)
    {
        Requests += requests;
        Errors += errors;
        Latency.MergeBytes(histogram);
    }

    public void Merge(VariantAccumulator other)
    {
        Requests += other.Requests;
        Errors += other.Errors;
        Latency.Merge(other.Latency);
    }

    public void Clear()
    {
        Requests = 0;
        Errors = 0;
        Latency.Clear();
    }

    public VariantMetrics ToMetrics() => Latency.ToMetrics(Requests, Errors);
}
