using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>Configuration section "Analysis".</summary>
public sealed class AnalysisOptions
{
    public const string Section = "Analysis";

    /// <summary>How often running rollouts are judged. Breaches found by ingest are judged at once regardless.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Analysis:Interval must be between 00:00:00.100 and 01:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
