namespace Lens.Core.Metrics;

/// <summary>Requests, errors, latencies and reported result counts of one variant over one window. Not thread-safe.</summary>
public sealed class VariantAccumulator
{
    /// <summary>What a request that did not report a result count passes as its count.</summary>
    public const int NoResultCount = -1;

    public long Requests { get; private set; }
    public long Errors { get; private set; }
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Requests that reported a result count.</summary>
    public long ResultSamples { get; private set; }

    /// <summary>The sum of the reported result counts.</summary>
    public long TotalResults { get; private set; }

    /// <summary>The sum of their squares: with the two above, the spread of results per query.</summary>
    public long TotalResultSquares { get; private set; }

    /// <summary>One request; a negative <paramref name="resultCount"/> (<see cref="NoResultCount"/>) means it reported none.</summary>
    public void Add(int latencyBucket, bool ok, int resultCount = NoResultCount)
    {
        Requests++;
        if (!ok) Errors++;
        Latency.RecordBucket(latencyBucket, 1);
        if (resultCount >= 0)
        {
            ResultSamples++;
            TotalResults += resultCount;
            TotalResultSquares += (long)resultCount * resultCount;
        }
    }

    /// <summary>A stored aggregate.</summary>
    public void Add(long requests, long errors, ReadOnlySpan<byte> histogram, long resultSamples = 0, long totalResults = 0, long totalResultSquares = 0)
    {
        TotalResultSquares += totalResultSquares;
        Requests += requests;
        Errors += errors;
        Latency.MergeBytes(histogram);
        ResultSamples += resultSamples;
        TotalResults += totalResults;
    }

    public void Merge(VariantAccumulator other)
    {
        Requests += other.Requests;
        Errors += other.Errors;
        Latency.Merge(other.Latency);
        ResultSamples += other.ResultSamples;
        TotalResults += other.TotalResults;
        TotalResultSquares += other.TotalResultSquares;
    }

    public void Clear()
    {
        Requests = 0;
        Errors = 0;
        Latency.Clear();
        ResultSamples = 0;
        TotalResults = 0;
        TotalResultSquares = 0;
    }

    /// <summary>z for a two-sided 97.5% interval: two such intervals (baseline and candidate) hold together at 95% or more.</summary>
    public const double P95IntervalZ = 2.241402727604947;

    public VariantMetrics ToMetrics()
    {
        var p50 = Latency.PercentileInterval(0.50, P95IntervalZ);
        var p95 = Latency.PercentileInterval(0.95, P95IntervalZ);
        var p99 = Latency.PercentileInterval(0.99, P95IntervalZ);
        return new(Requests, Errors, Latency.Percentile(0.50), Latency.Percentile(0.95), Latency.Percentile(0.99), ResultSamples, TotalResults,
            p95?.Low, p95?.High, p50?.Low, p50?.High, p99?.Low, p99?.High, TotalResultSquares);
    }
}
