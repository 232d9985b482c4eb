using Lens.Core.Rollouts;

namespace Lens.Core.Releases;

/// <summary>How a release's standing is worked out from its status and its latest rollout, and how it reads.</summary>
public static class ReleaseStandings
{
    public static ReleaseStanding Of(ReleaseStatus status, RolloutState? latestRollout) => status == ReleaseStatus.GeneralAvailability
        ? ReleaseStanding.GenerallyAvailable
        : latestRollout switch
        {
            RolloutState.Pending or RolloutState.Running => ReleaseStanding.InCanary,
            RolloutState.Paused => ReleaseStanding.CanaryPaused,
            RolloutState.RolledBack => ReleaseStanding.RolledBack,
            RolloutState.Aborted => ReleaseStanding.Aborted,
            RolloutState.Promoted => ReleaseStanding.Promoted,
            _ => ReleaseStanding.NotRolledOut,
        };

    public static string Label(this ReleaseStanding standing) => standing switch
    {
        ReleaseStanding.GenerallyAvailable => "generally available",
        ReleaseStanding.InCanary => "in canary",
        ReleaseStanding.CanaryPaused => "canary paused",
        ReleaseStanding.RolledBack => "rolled back",
        ReleaseStanding.Aborted => "rollout aborted",
        ReleaseStanding.Promoted => "at 100%, awaiting GA",
        _ => "candidate, not rolled out",
    };
}
