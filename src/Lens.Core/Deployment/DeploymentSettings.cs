namespace Lens.Core.Deployment;

/// <summary>
/// The installation's defaults the config may override, and the waits it cannot: all in real (unaccelerated) time.
/// </summary>
public sealed record DeploymentSettings
{
    public TimeSpan StageDuration { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromHours(24);
    /// <summary>The guide applies a calibration update after a 2-day holdout.</summary>
    public TimeSpan CalibrationHoldout { get; init; } = TimeSpan.FromDays(2);
    /// <summary>The sentinel's recovery: probes must pass this long before a kill switch it pulled releases.</summary>
    public TimeSpan SentinelRecovery { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Candidate requests a stage's window needs before its gates judge.</summary>
    public int MinSamples { get; init; } = 1000;
    /// <summary>How long a final bench usually takes; work, not a wait, so never divided.</summary>
    public TimeSpan BenchEstimate { get; init; } = TimeSpan.FromMinutes(2);
    public double MaxErrorRate { get; init; } = 0.01;
    public double MaxP99Ms { get; init; } = 200;
    public double MaxP99ToP95 { get; init; } = 2.0;
}
