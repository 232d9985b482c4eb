using Lens.Core.Rollouts;

namespace Lens.Core.Deployment;

/// <summary>
/// One canary block: the sub-features it moves from 0 to 100% of users together, through its stages.
/// <see cref="CalibrationNeededAbove"/>: the block may not pass that share until calibration data exists (block B).
/// </summary>
public sealed record CanaryBlock(DeploymentPhase Phase, string Letter, string Title, IReadOnlyList<string> SubFeatures,
    IReadOnlyList<RolloutStage> Stages, decimal? CalibrationNeededAbove)
{
    public TimeSpan Duration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.MinDuration);
}
