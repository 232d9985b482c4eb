namespace Lens.Core.Deployment;

/// <summary>How phases are named to people: the guide's words, the same on pages, in reports and in the CLI.</summary>
public static class PhaseNames
{
    public static string Label(DeploymentPhase phase) => phase switch
    {
        DeploymentPhase.TagFreeze => "Tag + freeze",
        DeploymentPhase.FinalBench => "Final bench",
        DeploymentPhase.CanaryA => "Canary block A",
        DeploymentPhase.CanaryB => "Canary block B",
        DeploymentPhase.CanaryC => "Canary block C",
        DeploymentPhase.CalibrationActivation => "Calibration activation",
        DeploymentPhase.Monitoring => "Production monitoring",
        DeploymentPhase.Sentinel => "Sentinel activation",
        DeploymentPhase.FinalCheck => "Final check",
        _ => phase.ToString(),
    };

    public static bool IsCanary(DeploymentPhase phase) => phase is DeploymentPhase.CanaryA or DeploymentPhase.CanaryB or DeploymentPhase.CanaryC;
}
