using System.Buffers.Binary;

namespace Lens.Core.Metrics;

/// <summary>
/// A log-bucketed latency histogram whose percentile estimates are within 1% of the true sample value.
/// Bucket i holds values in (γ^(i-1), γ^i] with γ = (1+α)/(1−α), α = 0.01, and reports 2γ^i/(γ+1),
/// which is within α of every value in the bucket (the DDSketch construction). Values at or below
/// <see cref="MinTrackableMs"/> share bucket 0; values above <see cref="MaxTrackableMs"/> are clamped.
/// Not thread-safe: callers hold their own lock.
/// </summary>
public sealed class LatencyHistogram
{
    public const double RelativeAccuracy = 0.01;
    public const double MinTrackableMs = 0.001;
    public const double MaxTrackableMs = 3_600_000;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);
    private static readonly int Offset = (int)Math.Ceiling(Math.Log(MinTrackableMs) / LogGamma);
    public static readonly int BucketCount = (int)Math.Ceiling(Math.Log(MaxTrackableMs) / LogGamma) - Offset + 1;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    /// <summary>How many latencies each bucket holds, by bucket index; rank tests read the histogram as tied values.</summary>
    public ReadOnlySpan<long> BucketCounts => _counts;

    public static int BucketOf(double latencyMs)
    {
        if (!(latencyMs > MinTrackableMs)) return 0;
        if (latencyMs >= MaxTrackableMs) return BucketCount - 1;
        var index = (int)Math.Ceiling(Math.Log(latencyMs) / LogGamma) - Offset;
        return Math.Clamp(index, 0, BucketCount - 1);
    }

    public static double ValueOf(int bucket) =>
        bucket == 0 ? MinTrackableMs : 2 * Math.Pow(Gamma, bucket + Offset) / (Gamma + 1);

    public void Record(double latencyMs) => RecordBucket(BucketOf(latencyMs), 1);

    public void RecordBucket(int bucket, long count)
    {
        _counts[bucket] += count;
        Count += count;
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
    }

    /// <summary>Nearest-rank percentile: the value at rank ⌈q·n⌉. Null on an empty histogram.</summary>
    public double? Percentile(double quantile)
    {
        if (quantile is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(quantile));
        if (Count == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return ValueOf(i);
        }
        return ValueOf(_counts.Length - 1);
    }

    /// <summary>
    /// A distribution-free confidence interval for the q-quantile: the order statistics at ranks
    /// ⌊n·q − z·√(n·q·(1−q))⌋ and ⌈n·q + z·√(n·q·(1−q))⌉ + 1 (the normal approximation of the binomial count below the
    /// quantile), each widened to the edge of its bucket so the histogram's rounding cannot narrow it. Null when the
    /// sample is too small for either rank to exist: the sample's extremes are no bound on a p99 from 100 values.
    /// </summary>
    public (double Low, double High)? PercentileInterval(double quantile, double z)
    {
        if (quantile is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(quantile));
        if (Count == 0) return null;
        var center = quantile * Count;
        var half = z * Math.Sqrt(Count * quantile * (1 - quantile));
        var low = (long)Math.Floor(center - half);
        var high = (long)Math.Ceiling(center + half) + 1;
        if (low < 1 || high > Count) return null;
        return (LowerEdgeOf(BucketAtRank(low)), UpperEdgeOf(BucketAtRank(high)));
    }

    // Bucket edges come from the floating-point logarithm in BucketOf; a value within rounding of an edge can land in the
    // bucket next door, so edges used for guarantees are widened by far more than that rounding.
    private const double EdgeSlack = 1e-9;

    /// <summary>The smallest latency bucket <paramref name="bucket"/> can hold (slightly widened; 0 for bucket 0).</summary>
    public static double LowerEdgeOf(int bucket) => bucket == 0 ? 0 : ValueOf(bucket) / (1 + RelativeAccuracy) * (1 - EdgeSlack);

    /// <summary>The largest latency bucket <paramref name="bucket"/> can hold (slightly widened; infinite for the clamped top bucket).</summary>
    public static double UpperEdgeOf(int bucket) =>
        bucket == BucketCount - 1 ? double.PositiveInfinity
        : bucket == 0 ? ValueOf(1) / (1 + RelativeAccuracy) * (1 + EdgeSlack)
        : ValueOf(bucket) / (1 - RelativeAccuracy) * (1 + EdgeSlack);

    private int BucketAtRank(long rank)
    {
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return i;
        }
        return _counts.Length - 1;
    }

    /// <summary>Sparse encoding for storage: pairs of (bucket: int16, count: int64), little-endian.</summary>
    public byte[] ToBytes()
    {
        var used = 0;
        foreach (var c in _counts) if (c != 0) used++;
        var bytes = new byte[used * 10];
        var at = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] == 0) continue;
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(at), (short)i);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 2), _counts[i]);
            at += 10;
        }
        return bytes;
    }

    public void MergeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 10 != 0) throw new FormatException("A stored histogram is a whole number of 10-byte entries.");
        for (var at = 0; at < bytes.Length; at += 10)
        {
            var bucket = BinaryPrimitives.ReadInt16LittleEndian(bytes[at..]);
            var count = BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 2)..]);
            if (bucket < 0 || bucket >= BucketCount) throw new FormatException($"Stored histogram bucket {bucket} is out of range.");
            RecordBucket(bucket, count);
        }
    }
}
