using System.Text.Json;
using Lens.Core.Releases;

namespace Lens.Core.Tests.Releases;

/// <summary>Pinning a candidate for nightly validation and retiring it: only live candidates, always by someone, for a reason.</summary>
public sealed class ReleaseNightlyMarkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Release NewRelease() => Release.Create("2.5.0", JsonDocument.Parse("{\"ranker\":\"bm25\"}").RootElement, Now);

    [Fact]
    public void PinForNightly_Candidate_RecordsWhoWhyAndWhen()
    {
        var release = NewRelease();

        release.PinForNightly(" lee ", " the README's release ", Now);

        Assert.Equal(new ReleaseMark("lee", "the README's release", Now), release.Pinned);
    }

    [Fact]
    public void Retire_PinnedCandidate_DropsThePin()
    {
        var release = NewRelease();
        release.PinForNightly("lee", "demo", Now);

        release.Retire("lee", "rolled back for good", Now);

        Assert.Null(release.Pinned);
        Assert.Equal("rolled back for good", release.Retired!.Reason);
    }

    [Theory]
    [InlineData("pin", "", "why", "it needs the name of who does it")]
    [InlineData("pin", "lee", " ", "it needs a reason")]
    [InlineData("retire", "lee", "", "it needs a reason")]
    public void Mark_MissingWhoOrWhy_FailsWithTheReason(string action, string actor, string reason, string expected)
    {
        var release = NewRelease();

        var ex = Assert.Throws<ReleaseTransitionException>(() => Do(release, action, actor, reason));

        Assert.Equal(action, ex.Action);
        Assert.Contains(expected, ex.Reasons);
        Assert.Null(release.Pinned);
        Assert.Null(release.Retired);
    }

    [Theory]
    [InlineData("pin")]
    [InlineData("retire")]
    public void Mark_Retired_FailsTheSameWay(string action)
    {
        var release = NewRelease();
        release.Retire("lee", "superseded", Now);

        var ex = Assert.Throws<ReleaseTransitionException>(() => Do(release, action, "lee", "again"));

        Assert.Contains("2.5.0 was retired by lee (superseded)", ex.Reasons);
    }

    [Fact]
    public void PinForNightly_AlreadyPinned_Fails()
    {
        var release = NewRelease();
        release.PinForNightly("lee", "demo", Now);

        var ex = Assert.Throws<ReleaseTransitionException>(() => release.PinForNightly("kim", "again", Now));

        Assert.Contains("2.5.0 is already pinned (by lee)", ex.Reasons);
        Assert.Equal("lee", release.Pinned!.By);
    }

    [Fact]
    public void UnpinForNightly_Pinned_TakesThePinOff()
    {
        var release = NewRelease();
        release.PinForNightly("lee", "demo", Now);

        release.UnpinForNightly("kim", "validated enough", Now);

        Assert.Null(release.Pinned);
    }

    [Theory]
    [InlineData(false, "kim", "why", "2.5.0 is not pinned")]
    [InlineData(true, "", "why", "it needs the name of who does it")]
    [InlineData(true, "kim", " ", "it needs a reason")]
    public void UnpinForNightly_NotPinnedOrNoWhoOrWhy_FailsAndKeepsThePin(bool pinned, string actor, string reason, string expected)
    {
        var release = NewRelease();
        if (pinned) release.PinForNightly("lee", "demo", Now);

        var ex = Assert.Throws<ReleaseTransitionException>(() => release.UnpinForNightly(actor, reason, Now));

        Assert.Equal("unpin", ex.Action);
        Assert.Contains(expected, ex.Reasons);
        Assert.Equal(pinned, release.Pinned is not null);
    }

    private static void Do(Release release, string action, string actor, string reason)
    {
        if (action == "pin") release.PinForNightly(actor, reason, Now);
        else release.Retire(actor, reason, Now);
    }
}
