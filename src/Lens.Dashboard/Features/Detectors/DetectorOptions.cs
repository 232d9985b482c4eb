using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Detectors;

/// <summary>
/// Configuration section "Detectors". The defaults watch anchor P@1 and span coverage from sentinel probes,
/// Recall@50 from benches (fed through the observations API), and p95 latency from ingest.
/// </summary>
public sealed class DetectorOptions : IValidatableObject
{
    public const string Section = "Detectors";

    public const string AnchorPrecisionMetric = "probe.anchor_p_at_1";
    public const string SpanCoverageMetric = "probe.span_coverage";
    public const string RecallMetric = "bench.recall_at_50";
    public const string LatencyMetric = "search.p95_latency_ms";

    public Dictionary<string, DetectorDefinition> Watch { get; set; } = new()
    {
        ["anchor_p_at_1"] = new() { Metric = AnchorPrecisionMetric, BaselineSize = 20, SigmaFloor = 0.02, Maximum = 1 },
        ["recall_at_50"] = new() { Metric = RecallMetric, BaselineSize = 10, SigmaFloor = 0.005, Maximum = 1 },
        ["p95_latency"] = new() { Metric = LatencyMetric, BaselineSize = 30, SigmaFloor = 1, Maximum = 3_600_000 },
        ["span_coverage"] = new() { Metric = SpanCoverageMetric, BaselineSize = 20, SigmaFloor = 0.01, Maximum = 1 },
    };

    /// <summary>How often p95 latency is sampled from ingest into its detector.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Detectors:LatencySampleInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan LatencySampleInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, d) in Watch)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(d, new ValidationContext(d), results, validateAllProperties: true))
                foreach (var r in results)
                    yield return new ValidationResult($"Detectors:Watch:{name}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}", [$"Watch:{name}"]);
            if (d.Minimum >= d.Maximum)
                yield return new ValidationResult($"Detectors:Watch:{name}:Minimum must be below Maximum.", [$"Watch:{name}"]);
            if ((d.Target is null) != (d.Sigma is null))
                yield return new ValidationResult($"Detectors:Watch:{name}: give both Target and Sigma, or neither to learn them from a baseline period.", [$"Watch:{name}"]);
        }
    }
}
