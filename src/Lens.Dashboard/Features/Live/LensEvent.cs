using Lens.Core.Rollouts;

namespace Lens.Dashboard.Features.Live;

/// <summary>Something the pages, the hub and outside clients should hear about at once.</summary>
public sealed record LensEvent(string Kind, DateTimeOffset At, Guid? RolloutId = null, string? Flag = null,
    RolloutTransition? Transition = null, string? Detail = null)
{
    public const string RolloutChanged = "rolloutChanged";
    public const string VerdictsRecorded = "verdictsRecorded";
    public const string KillSwitchChanged = "killSwitchChanged";
    public const string ReleaseCreated = "releaseCreated";
    public const string AlertChanged = "alertChanged";
    public const string DetectorChanged = "detectorChanged";
    public const string ProbesRan = "probesRan";
    public const string ProbeRoundFailed = "probeRoundFailed";
    public const string BenchChanged = "benchChanged";
    public const string ReleaseChanged = "releaseChanged";
    public const string ImpressionsReceived = "impressionsReceived";
    public const string CalibrationChanged = "calibrationChanged";
    public const string FlagParametersChanged = "flagParametersChanged";
    public const string DeploymentChanged = "deploymentChanged";
}
