using System.Buffers;

namespace Lens.Dashboard.Features.Metrics;

/// <summary>
/// One parsed ingest request's accepted events, in pooled arrays so that a busy ingest does not allocate
/// per event. Rented from and returned to <see cref="Rent"/> / <see cref="Dispose"/>.
/// </summary>
public sealed class IngestBatch : IDisposable
{
    public const int MaxEvents = 10_000;

    /// <summary>The mark in <see cref="ResultCounts"/> of an event that did not say how many results it returned.</summary>
    public const int NoResultCount = Lens.Core.Metrics.VariantAccumulator.NoResultCount;

    public string Flag { get; set; } = "";
    public byte[] Variants { get; private set; } = [];
    public bool[] Ok { get; private set; } = [];
    public short[] LatencyBuckets { get; private set; } = [];
    /// <summary>Each event's resultCount, or <see cref="NoResultCount"/> where the event gave none.</summary>
    public int[] ResultCounts { get; private set; } = [];
    public int Count { get; private set; }
    public List<IngestRejection> Rejected { get; } = [];
    /// <summary>The batch's gauge reports (memory_mb, cache_hit_rate, …); they count toward the same time bucket as its events.</summary>
    public List<GaugeReport> Gauges { get; } = [];

    /// <summary>Nothing to store: no valid event and no gauge.</summary>
    public bool IsEmpty => Count == 0 && Gauges.Count == 0;
    /// <summary>Index of the next event in the request, accepted or not.</summary>
    public int Seen { get; private set; }

    public static IngestBatch Rent()
    {
        var batch = new IngestBatch
        {
            Variants = ArrayPool<byte>.Shared.Rent(256),
            Ok = ArrayPool<bool>.Shared.Rent(256),
            LatencyBuckets = ArrayPool<short>.Shared.Rent(256),
            ResultCounts = ArrayPool<int>.Shared.Rent(256),
        };
        return batch;
    }

    public void Accept(byte variant, bool ok, short latencyBucket, int resultCount = NoResultCount)
    {
        if (Count == Capacity) Grow();
        Variants[Count] = variant;
        Ok[Count] = ok;
        LatencyBuckets[Count] = latencyBucket;
        ResultCounts[Count] = resultCount < 0 ? NoResultCount : resultCount;
        Count++;
        Seen++;
    }

    public void Reject(string error)
    {
        Rejected.Add(new IngestRejection(Seen, error));
        Seen++;
    }

    // The pool may hand out arrays longer than asked for, and not equally long for every element type.
    private int Capacity => Math.Min(Math.Min(Variants.Length, Ok.Length), Math.Min(LatencyBuckets.Length, ResultCounts.Length));

    private void Grow()
    {
        var size = Capacity * 2;
        Variants = Swap(Variants, size);
        Ok = Swap(Ok, size);
        LatencyBuckets = Swap(LatencyBuckets, size);
        ResultCounts = Swap(ResultCounts, size);
    }

    private T[] Swap<T>(T[] old, int size)
    {
        var next = ArrayPool<T>.Shared.Rent(size);
        Array.Copy(old, next, Count);
        ArrayPool<T>.Shared.Return(old);
        return next;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Variants);
        ArrayPool<bool>.Shared.Return(Ok);
        ArrayPool<short>.Shared.Return(LatencyBuckets);
        ArrayPool<int>.Shared.Return(ResultCounts);
        Variants = [];
        Ok = [];
        LatencyBuckets = [];
        ResultCounts = [];
        Gauges.Clear();
    }
}
