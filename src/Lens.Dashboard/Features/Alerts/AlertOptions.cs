using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Alerts;

/// <summary>Configuration section "Alerts".</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>A condition that returns within this long of being resolved reopens its alert quietly instead of raising a new one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Alerts:Damping must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan Damping { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A detector alarm held longer than this escalates from HIGH to CRITICAL.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Alerts:EscalateAfter must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A stage still short of data this long past its minimum duration raises a WARN alert.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Alerts:StuckStageAfter must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan StuckStageAfter { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Alerts:CheckInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
