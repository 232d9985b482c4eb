using System.Text.Json;
using Lens.Core.Releases;

namespace Lens.Core.Tests.Releases;

public class ReleaseSignOffTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly SignOffPolicy Policy = SignOffPolicy.Default;

    private static Release NewRelease() => Release.Create("2.5.0", JsonDocument.Parse("{\"ranker\":\"bm25\"}").RootElement, Now);

    private static Release ApprovedByAll()
    {
        var release = NewRelease();
        foreach (var role in Policy.Roles) release.Decide(role, $"{role} person", true, "looks good", Policy, Now);
        return release;
    }

    [Fact]
    public void PromoteToGeneralAvailability_EligibleAndApproved_BecomesGa()
    {
        var release = ApprovedByAll();

        release.PromoteToGeneralAvailability("dana", 3, Policy, Now);

        Assert.Equal(ReleaseStatus.GeneralAvailability, release.Status);
        Assert.Equal("dana", release.PromotedBy);
        Assert.Equal(Now, release.PromotedAt);
    }

    [Fact]
    public void PromoteToGeneralAvailability_NothingDone_ListsEveryMissingThing()
    {
        var release = NewRelease();

        var ex = Assert.Throws<ReleaseTransitionException>(() => release.PromoteToGeneralAvailability("dana", 2, Policy, Now));

        Assert.Equal(ReleaseStatus.Candidate, release.Status);
        Assert.Contains("3 consecutive passing nights are needed, it has 2", ex.Reasons);
        Assert.Contains("no decision from engineering-lead yet", ex.Reasons);
        Assert.Contains("no decision from product yet", ex.Reasons);
        Assert.Contains("no decision from sre yet", ex.Reasons);
    }

    [Fact]
    public void PromoteToGeneralAvailability_ARoleRejected_SaysWhoAndWhy()
    {
        var release = ApprovedByAll();
        release.Decide("sre", "sam", false, "p99 regression on Java repos", Policy, Now);

        var ex = Assert.Throws<ReleaseTransitionException>(() => release.PromoteToGeneralAvailability("dana", 3, Policy, Now));

        Assert.Equal(["sre rejected it (sam: p99 regression on Java repos)"], ex.Reasons);
    }

    [Fact]
    public void Decide_RoleChangesItsMind_LatestDecisionCounts()
    {
        var release = NewRelease();
        release.Decide("sre", "sam", false, "wait for the fix", Policy, Now);
        release.Decide("sre", "sam", true, "fixed in rc2", Policy, Now.AddHours(1));

        Assert.True(release.CurrentDecisions["sre"].Approved);
        Assert.Equal(2, release.Decisions.Count);
    }

    [Theory]
    [InlineData("marketing", "mo", "fine")]
    [InlineData("sre", "", "fine")]
    [InlineData("sre", "sam", " ")]
    public void Decide_InvalidDecision_FailsTheSameWay(string role, string actor, string reason)
    {
        var release = NewRelease();

        Assert.Throws<ReleaseTransitionException>(() => release.Decide(role, actor, true, reason, Policy, Now));
        Assert.Empty(release.Decisions);
    }

    [Fact]
    public void Decide_AfterGa_IsRefused()
    {
        var release = ApprovedByAll();
        release.PromoteToGeneralAvailability("dana", 3, Policy, Now);

        Assert.Throws<ReleaseTransitionException>(() => release.Decide("sre", "sam", false, "too late", Policy, Now));
        Assert.Throws<ReleaseTransitionException>(() => release.PromoteToGeneralAvailability("dana", 3, Policy, Now));
    }

    [Fact]
    public void MissingForGeneralAvailability_ConfiguredRoles_OnlyThoseAreNeeded()
    {
        var policy = new SignOffPolicy(1, ["release-manager"]);
        var release = NewRelease();
        release.Decide("release-manager", "rm", true, "ok", policy, Now);

        Assert.Empty(release.MissingForGeneralAvailability(1, policy));
    }
}
