namespace Lens.Core.Deployment;

/// <summary>
/// What a pipeline will do, worked out before it starts: phases with their expected timeline, the three blocks with
/// their stages and gates, and every wait already divided by the acceleration factor. A dry run shows exactly this.
/// </summary>
public sealed record DeploymentPlan(
    string Version,
    string Flag,
    bool Accelerated,
    double Factor,
    bool SkipBench,
    bool SkipCanary,
    string? ForceReason,
    bool RequiredGateSuccess,
    IReadOnlyList<PlannedPhase> Phases,
    IReadOnlyList<CanaryBlock> Blocks,
    TimeSpan CalibrationHoldout,
    TimeSpan QuietPeriod,
    TimeSpan SentinelCadence,
    TimeSpan SentinelRecovery,
    bool ArmCusum,
    IReadOnlyList<string> AlertWebhooks)
{
    public TimeSpan ExpectedTotal => Phases.Count == 0 ? TimeSpan.Zero : Phases[^1].StartsAfter + Phases[^1].Expected;

    public CanaryBlock? Block(DeploymentPhase phase) => Blocks.FirstOrDefault(b => b.Phase == phase);

    public PlannedPhase Phase(DeploymentPhase phase) => Phases.First(p => p.Phase == phase);
}
