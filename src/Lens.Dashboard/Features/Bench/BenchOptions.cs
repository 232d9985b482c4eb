using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// Configuration section "Bench". A live bench sends each pinned query to <see cref="BaselineEndpoint"/> and
/// <see cref="CandidateEndpoint"/>: URLs with "{query}" (escaped query) and optionally "{version}" (the release).
/// A relative URL is resolved against this dashboard's address. Without endpoints, only run-file benches work.
/// </summary>
public sealed class BenchOptions : IValidatableObject
{
    public const string Section = "Bench";

    public string? BaselineEndpoint { get; set; }
    public string? CandidateEndpoint { get; set; }

    /// <summary>The pinned set for a release's final bench.</summary>
    public BenchDatasetOptions Dataset { get; set; } = new();

    public BenchGateOptions Gates { get; set; } = new();

    /// <summary>Where each completed bench's three result files are also written, as &lt;folder&gt;/&lt;release&gt;/&lt;run id&gt;/; relative to the content root.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Bench:ResultsFolder is required (default data/bench).")]
    public string ResultsFolder { get; set; } = "data/bench";

    [Range(100, 100_000, ErrorMessage = "Bench:BootstrapIterations must be between 100 and 100000.")]
    public int BootstrapIterations { get; set; } = 2000;

    [Range(0.5, 0.999, ErrorMessage = "Bench:Confidence must be between 0.5 and 0.999.")]
    public double Confidence { get; set; } = 0.95;

    [Range(1, 64, ErrorMessage = "Bench:Concurrency must be between 1 and 64.")]
    public int Concurrency { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Bench:Timeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool LiveConfigured => !string.IsNullOrWhiteSpace(BaselineEndpoint) && !string.IsNullOrWhiteSpace(CandidateEndpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(BaselineEndpoint) != string.IsNullOrWhiteSpace(CandidateEndpoint))
            yield return new ValidationResult("Bench:BaselineEndpoint and Bench:CandidateEndpoint are set together or not at all.", [nameof(BaselineEndpoint)]);
        foreach (var (key, value) in new[] { (nameof(BaselineEndpoint), BaselineEndpoint), (nameof(CandidateEndpoint), CandidateEndpoint) })
            if (!string.IsNullOrWhiteSpace(value) && !value.Contains("{query}", StringComparison.Ordinal))
                yield return new ValidationResult($"Bench:{key} must contain {{query}} where the query goes.", [key]);
        foreach (var result in Validator(Gates)) yield return result;
    }

    private static IEnumerable<ValidationResult> Validator(object nested)
    {
        var results = new List<ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(nested, new ValidationContext(nested), results, validateAllProperties: true);
        return results;
    }
}
