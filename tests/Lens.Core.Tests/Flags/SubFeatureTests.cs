using Lens.Core.Flags;

namespace Lens.Core.Tests.Flags;

public sealed class SubFeatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SetSubFeaturePercent_New_AddsItToTheParametersAndRaisesTheVersion()
    {
        var flag = Flag.Create("search", "salt", Now);

        Assert.True(flag.SetSubFeaturePercent(SubFeatureNames.StageBEnabled, 25m, Now));

        var state = flag.ToState(false);
        Assert.Equal(2, state.Version);
        Assert.Equal(new SubFeatureParameter(25m, false), state.Parameters.SubFeatures[SubFeatureNames.StageBEnabled]);
        Assert.False(flag.SetSubFeaturePercent(SubFeatureNames.StageBEnabled, 25m, Now));
        Assert.Equal(2, flag.Version);
    }

    [Fact]
    public void SetSubFeatureKillSwitch_Active_ServesNoneOfThatSubFeatureAndLeavesTheOthers()
    {
        var flag = Flag.Create("search", "salt", Now);
        flag.SetSubFeaturePercent(SubFeatureNames.StageCEnabled, 100m, Now);
        flag.SetSubFeaturePercent(SubFeatureNames.StageBEnabled, 100m, Now);

        Assert.True(flag.SetSubFeatureKillSwitch(SubFeatureNames.StageCEnabled, true, "dedup drops results", Now));

        var parameters = flag.ToState(false).Parameters;
        Assert.Equal(new SubFeatureParameter(0m, true), parameters.SubFeatures[SubFeatureNames.StageCEnabled]);
        Assert.Equal(new SubFeatureParameter(100m, false), parameters.SubFeatures[SubFeatureNames.StageBEnabled]);
        Assert.Equal(100m, flag.SubFeature(SubFeatureNames.StageCEnabled)!.Percent);
        Assert.Equal("dedup drops results", flag.SubFeature(SubFeatureNames.StageCEnabled)!.KillSwitchReason);

        Assert.True(flag.SetSubFeatureKillSwitch(SubFeatureNames.StageCEnabled, false, "fixed", Now));
        Assert.Equal(100m, flag.ToState(false).Parameters.SubFeatures[SubFeatureNames.StageCEnabled].Percent);
    }

    [Fact]
    public void SetSubFeatureKillSwitch_SameState_ChangesNothing()
    {
        var flag = Flag.Create("search", "salt", Now);
        flag.SetSubFeatureKillSwitch(SubFeatureNames.NativeScanner, true, "hold", Now);
        var version = flag.Version;

        Assert.False(flag.SetSubFeatureKillSwitch(SubFeatureNames.NativeScanner, true, "again", Now));
        Assert.Equal(version, flag.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("stage B")]
    [InlineData(".enabled")]
    [InlineData("stageB.")]
    [InlineData("stageB/enabled")]
    public void SetSubFeaturePercent_BadName_IsRefused(string name) =>
        Assert.Throws<ArgumentException>(() => Flag.Create("search", "salt", Now).SetSubFeaturePercent(name, 5m, Now));

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void SetSubFeaturePercent_ShareOutsideZeroToHundred_IsRefused(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Flag.Create("search", "salt", Now).SetSubFeaturePercent("stageA.enabled", (decimal)percent, Now));

    [Theory]
    [InlineData(0, false, false, 0)]
    [InlineData(100, false, false, 1000)]
    [InlineData(100, true, false, 0)]
    [InlineData(100, false, true, 0)]
    public void IsOn_ShareAndKillSwitches_DecideHowManyUsersHaveIt(double percent, bool subKill, bool flagKill, int expectedOf1000)
    {
        var flag = Flag.Create("search", "salt", Now);
        flag.SetSubFeaturePercent("stageA.native_scanner", (decimal)percent, Now);
        if (subKill) flag.SetSubFeatureKillSwitch("stageA.native_scanner", true, "off", Now);
        var state = flag.ToState(flagKill);

        var on = Enumerable.Range(0, 1000).Count(i => FlagEvaluator.IsOn(state, "stageA.native_scanner", $"user-{i}"));

        Assert.Equal(expectedOf1000, on);
    }

    [Fact]
    public void IsOn_ShareRaised_OnlyAddsUsers()
    {
        var flag = Flag.Create("search", "salt", Now);
        flag.SetSubFeaturePercent("stageB.enabled", 5m, Now);
        var at5 = Enumerable.Range(0, 2000).Where(i => FlagEvaluator.IsOn(flag.ToState(false), "stageB.enabled", $"u{i}")).ToHashSet();
        flag.SetSubFeaturePercent("stageB.enabled", 25m, Now);
        var at25 = Enumerable.Range(0, 2000).Where(i => FlagEvaluator.IsOn(flag.ToState(false), "stageB.enabled", $"u{i}")).ToHashSet();

        Assert.True(at5.IsSubsetOf(at25));
        Assert.InRange(at25.Count, 400, 600);
    }
}
