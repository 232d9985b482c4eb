using Lens.Core.Releases;

namespace Lens.Core.Tests.Releases;

/// <summary>Which candidates a night validates: pins always, then the newest, never the retired, rolled back or superseded.</summary>
public sealed class NightlyCandidatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReleaseMark Lead = new("lee", "the README's release", T0);

    /// <summary>
    /// Releases written compactly: "v3" a candidate created at minute 3; suffixes "+pin", "+retired", "+rolledback",
    /// "+ga". Expected: the included versions in order, and the reason of each excluded one (a fragment).
    /// </summary>
    [Theory]
    [InlineData("v1 v2 v3", 5, "v3 v2 v1", "")]
    [InlineData("v1 v2 v3 v4", 2, "v4 v3", "v2=not among the 2 newest;v1=not among the 2 newest")]
    [InlineData("v1+pin v2 v3 v4", 2, "v1 v4", "v3=not among the 2 newest;v2=not among the 2 newest")]
    [InlineData("v1+pin v2+pin v3+pin v4", 2, "v3 v2 v1", "v4=not among the 2 newest")]
    [InlineData("v1 v2+retired v3", 5, "v3 v1", "v2=retired by lee")]
    [InlineData("v1 v2+rolledback v3", 5, "v3 v1", "v2=rolled back")]
    [InlineData("v1 v2+rolledback+pin v3", 5, "v2 v3 v1", "")]
    [InlineData("v1 v2 v3+ga v4", 5, "v4", "v2=superseded by v3;v1=superseded by v3")]
    [InlineData("v1+pin v2+ga v3", 5, "v1 v3", "")]
    [InlineData("v1+ga v2+ga", 5, "", "")]
    public void Choose_Table_IncludesAndExplains(string releases, int max, string included, string excluded)
    {
        var input = releases.Split(' ').Select(Parse).ToList();

        var choices = NightlyCandidates.Choose(input, max);

        Assert.Equal(included.Split(' ', StringSplitOptions.RemoveEmptyEntries), choices.Where(c => c.Included).Select(c => c.Version));
        var expectedOut = excluded.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('=')).ToList();
        Assert.Equal(expectedOut.Select(e => e[0]), choices.Where(c => !c.Included).Select(c => c.Version));
        foreach (var e in expectedOut) Assert.Contains(e[1], choices.Single(c => c.Version == e[0]).Why);
        Assert.DoesNotContain(choices, c => input.Single(r => r.Version == c.Version).Status == ReleaseStatus.GeneralAvailability);
    }

    [Fact]
    public void Choose_Pinned_SaysWhoPinnedItAndWhy()
    {
        var choice = Assert.Single(NightlyCandidates.Choose([Parse("v1+pin")], 5));

        Assert.True(choice.Pinned);
        Assert.Equal("pinned by lee: the README's release", choice.Why);
    }

    private static NightlyCandidate Parse(string text)
    {
        var parts = text.Split('+');
        var minute = int.Parse(parts[0][1..]);
        return new NightlyCandidate(parts[0], T0.AddMinutes(minute),
            parts.Contains("ga") ? ReleaseStatus.GeneralAvailability : ReleaseStatus.Candidate,
            parts.Contains("pin") ? Lead : null,
            parts.Contains("retired") ? Lead : null,
            parts.Contains("rolledback"));
    }
}
