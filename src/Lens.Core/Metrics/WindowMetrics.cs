namespace Lens.Core.Metrics;

/// <summary>Both variants over the same window.</summary>
public sealed record WindowMetrics(VariantMetrics Baseline, VariantMetrics Candidate)
{
    public static readonly WindowMetrics Empty = new(VariantMetrics.Empty, VariantMetrics.Empty);

    /// <summary>The gauges services reported over the window, by name (for example memory_mb).</summary>
    public IReadOnlyDictionary<string, GaugePair> Gauges { get; init; } = new Dictionary<string, GaugePair>();

    public GaugePair Gauge(string name) => Gauges.TryGetValue(name, out var pair) ? pair : GaugePair.Empty;

    /// <summary>The share of requests the candidate actually served, in percent.</summary>
    public double? CandidateSharePercent
    {
        get
        {
            var total = Baseline.Requests + Candidate.Requests;
            return total == 0 ? null : 100.0 * Candidate.Requests / total;
        }
    }
}
