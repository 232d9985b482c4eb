namespace Lens.Core.Deployment;

/// <summary>The guide's pipeline phases, in the order they run.</summary>
public enum DeploymentPhase
{
    TagFreeze,
    FinalBench,
    CanaryA,
    CanaryB,
    CanaryC,
    CalibrationActivation,
    Monitoring,
    Sentinel,
    FinalCheck,
}
