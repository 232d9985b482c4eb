using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>
/// Configuration section "Sentinel". Probes go to <see cref="Endpoint"/>, a URL with "{query}" where the
/// escaped query goes; a relative URL is resolved against this dashboard's own address. No endpoint, no probes.
/// </summary>
public sealed class SentinelOptions : IValidatableObject
{
    public const string Section = "Sentinel";
    public const string Actor = "sentinel";

    public string? Endpoint { get; set; }

    public Dictionary<string, ProbeDefinition> Probes { get; set; } = new()
    {
        ["class"] = new() { Query = "class" },
        ["def"] = new() { Query = "def" },
    };

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Sentinel:Interval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Sentinel:TrippedInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan TrippedInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Sentinel:RecoveryPeriod must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan RecoveryPeriod { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Sentinel:Timeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Configured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Configured && !Endpoint!.Contains("{query}", StringComparison.Ordinal))
            yield return new ValidationResult("Sentinel:Endpoint must contain {query} where the probe's query goes, e.g. http://search/api/search?q={query}.", [nameof(Endpoint)]);
        if (Configured && Probes.Count == 0)
            yield return new ValidationResult("Sentinel:Probes must name at least one probe when Sentinel:Endpoint is set.", [nameof(Probes)]);
        foreach (var (name, probe) in Probes.Where(p => string.IsNullOrWhiteSpace(p.Value.Query)))
            yield return new ValidationResult($"Sentinel:Probes:{name}:Query is required.", [$"Probes:{name}:Query"]);
    }
}
