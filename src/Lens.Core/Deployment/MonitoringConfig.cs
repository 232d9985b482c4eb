namespace Lens.Core.Deployment;

/// <summary>monitoring_config: which detectors to arm and how long they must stay quiet before the final check passes.</summary>
public sealed record MonitoringConfig
{
    public bool EnableCusumAlarms { get; init; } = true;
    public bool EnableDriftDetection { get; init; } = true;
    /// <summary>Null: the dashboard's default (24 hours unless Deploy options say otherwise).</summary>
    public double? QuietPeriodHours { get; init; }
    public IReadOnlyList<string> AlertWebhooks { get; init; } = [];
}
