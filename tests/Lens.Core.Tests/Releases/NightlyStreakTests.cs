using Lens.Core.Releases;

namespace Lens.Core.Tests.Releases;

public class NightlyStreakTests
{
    private static readonly DateOnly First = new(2026, 11, 1);

    /// <summary>"P" a passing night, "F" a failing one, "-" a night with no result; one letter per calendar night.</summary>
    private static IEnumerable<NightlyResult> Nights(string pattern) =>
        pattern.Select((c, i) => (c, i)).Where(x => x.c != '-').Select(x => new NightlyResult(First.AddDays(x.i), x.c == 'P'));

    [Theory]
    [InlineData("", 0)]
    [InlineData("P", 1)]
    [InlineData("PPP", 3)]
    [InlineData("PPPF", 0)]
    [InlineData("PPFPP", 2)]
    [InlineData("FPPP", 3)]
    [InlineData("PP-P", 1)]
    [InlineData("PPPPP", 5)]
    public void Count_Nights_CountsConsecutivePassesEndingAtTheLatest(string pattern, int expected) =>
        Assert.Equal(expected, NightlyStreak.Count(Nights(pattern)));

    [Fact]
    public void Count_NightsInAnyOrder_SameCount() =>
        Assert.Equal(3, NightlyStreak.Count(Nights("FPPP").Reverse()));
}
