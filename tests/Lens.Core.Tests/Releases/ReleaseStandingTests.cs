using Lens.Core.Releases;
using Lens.Core.Rollouts;

namespace Lens.Core.Tests.Releases;

public sealed class ReleaseStandingTests
{
    [Theory]
    [InlineData(ReleaseStatus.Candidate, null, ReleaseStanding.NotRolledOut)]
    [InlineData(ReleaseStatus.Candidate, RolloutState.Running, ReleaseStanding.InCanary)]
    [InlineData(ReleaseStatus.Candidate, RolloutState.Paused, ReleaseStanding.CanaryPaused)]
    [InlineData(ReleaseStatus.Candidate, RolloutState.RolledBack, ReleaseStanding.RolledBack)]
    [InlineData(ReleaseStatus.Candidate, RolloutState.Aborted, ReleaseStanding.Aborted)]
    [InlineData(ReleaseStatus.Candidate, RolloutState.Promoted, ReleaseStanding.Promoted)]
    [InlineData(ReleaseStatus.GeneralAvailability, RolloutState.RolledBack, ReleaseStanding.GenerallyAvailable)]
    public void Of_StatusAndLatestRollout_SaysWhereTheReleaseStands(ReleaseStatus status, RolloutState? latest, ReleaseStanding expected) =>
        Assert.Equal(expected, ReleaseStandings.Of(status, latest));

    [Fact]
    public void Label_RolledBackCandidate_DoesNotReadAsCandidate() =>
        Assert.Equal("rolled back", ReleaseStanding.RolledBack.Label());
}
