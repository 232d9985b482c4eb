using System.ComponentModel.DataAnnotations;
using Quartz;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// Configuration section "Nightly": when the nightly validation runs (a Quartz cron expression, in UTC; default
/// 02:00) and over which slices of the pinned data, for example per language or repository type.
/// </summary>
public sealed class NightlyOptions : IValidatableObject
{
    public const string Section = "Nightly";

    public string Schedule { get; set; } = "0 0 2 * * ?";

    public Dictionary<string, BenchDatasetOptions> Slices { get; set; } = new();

    [Range(1, 100, ErrorMessage = "Nightly:MaxReleases must be between 1 and 100.")]
    public int MaxReleases { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(Schedule, out _))
            yield return new ValidationResult($"Nightly:Schedule '{Schedule}' is not a Quartz cron expression (seconds minutes hours day month weekday), e.g. \"0 0 2 * * ?\".", [nameof(Schedule)]);
        foreach (var (name, slice) in Slices.Where(s => string.IsNullOrWhiteSpace(s.Value.Queries) || string.IsNullOrWhiteSpace(s.Value.Qrels)))
            yield return new ValidationResult($"Nightly:Slices:{name} needs both Queries and Qrels.", [$"Slices:{name}"]);
    }
}
