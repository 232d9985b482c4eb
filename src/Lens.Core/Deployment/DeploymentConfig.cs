namespace Lens.Core.Deployment;

/// <summary>
/// The deployment guide's configuration file, with Lens's additions (flag, acceleration factor, quiet period,
/// fingerprint). Every key is optional; <see cref="DeploymentConfigReader"/> fills the defaults.
/// </summary>
public sealed record DeploymentConfig
{
    public string? TargetVersion { get; init; }
    /// <summary>Null: the dashboard's Deploy:Flag.</summary>
    public string? Flag { get; init; }
    public bool SkipFinalBench { get; init; }
    /// <summary>False lets a failed gate be recorded and passed over (the guide's staging mode); true stops the pipeline.</summary>
    public bool RequiredGateSuccess { get; init; } = true;
    public CanaryConfig Canary { get; init; } = new();
    public MonitoringConfig Monitoring { get; init; } = new();
    public SentinelConfig Sentinel { get; init; } = new();
    public FingerprintConfig Fingerprint { get; init; } = new();

    public static DeploymentConfig Default { get; } = new();
}
