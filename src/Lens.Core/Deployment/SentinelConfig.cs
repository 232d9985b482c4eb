namespace Lens.Core.Deployment;

/// <summary>sentinel_config: how often the sentinel probes once the pipeline activates it, and whether it may pull kill switches.</summary>
public sealed record SentinelConfig
{
    public double ProbeFrequencyMinutes { get; init; } = 60;
    public bool KillSwitchEnabled { get; init; } = true;
}
