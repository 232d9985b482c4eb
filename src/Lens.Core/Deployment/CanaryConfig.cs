namespace Lens.Core.Deployment;

/// <summary>canary_config: how long each block stage holds, and whether every wait is divided by the acceleration factor.</summary>
public sealed record CanaryConfig
{
    public const double DefaultAccelerationFactor = 720;

    public bool AcceleratedRollout { get; init; }
    public double AccelerationFactor { get; init; } = DefaultAccelerationFactor;
    /// <summary>Null: the dashboard's default (24 hours unless Deploy options say otherwise).</summary>
    public double? StageDurationHours { get; init; }
    public bool ManualPromotion { get; init; }
}
