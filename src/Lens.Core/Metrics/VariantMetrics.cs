namespace Lens.Core.Metrics;

/// <summary>What one variant did over one window. Percentiles are null on an empty window.</summary>
public sealed record VariantMetrics(long Requests, long Errors, double? P50Ms, double? P95Ms, double? P99Ms)
{
    public static readonly VariantMetrics Empty = new(0, 0, null, null, null);

    public double? ErrorRate => Requests == 0 ? null : (double)Errors / Requests;
}
