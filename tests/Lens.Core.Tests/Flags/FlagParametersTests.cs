using Lens.Core.Flags;

namespace Lens.Core.Tests.Flags;

public sealed class FlagParametersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ApplyCalibration_NewTauAndMap_RaisesTheVersionAndReachesTheState()
    {
        var flag = Flag.Create("search", "salt", Now);

        Assert.True(flag.ApplyCalibration(0.48, [0.1, 0.9], [0.05, 0.7], Now));

        var state = flag.ToState(killSwitchActive: true);
        Assert.Equal(2, state.Version);
        Assert.Equal(0.48, state.Parameters.Tau);
        Assert.Equal([0.1, 0.9], state.Parameters.Calibration!.X);
        Assert.Equal([0.05, 0.7], state.Parameters.Calibration.Y);
        Assert.False(flag.ApplyCalibration(0.48, [0.1, 0.9], [0.05, 0.7], Now));
        Assert.Equal(2, flag.Version);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void ApplyCalibration_TauOutsideZeroToOne_IsRefused(double tau) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Flag.Create("search", "salt", Now).ApplyCalibration(tau, null, null, Now));

    [Fact]
    public void ApplyCalibration_MapWithUnequalLengths_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Flag.Create("search", "salt", Now).ApplyCalibration(0.5, [0.1, 0.2], [0.3], Now));

    [Fact]
    public void SetLtrFallback_Cleared_RestartsTheDriftBaselineFromThatDay()
    {
        var flag = Flag.Create("search", "salt", Now);
        Assert.True(flag.SetLtrFallback(true, Now));
        Assert.True(flag.ToState(false).Parameters.LtrFallback);
        Assert.Null(flag.DriftBaselineSince);

        Assert.True(flag.SetLtrFallback(false, Now.AddDays(2)));

        Assert.Equal(new DateOnly(2026, 11, 27), flag.DriftBaselineSince);
        Assert.False(flag.ToState(false).Parameters.LtrFallback);
        Assert.Equal(3, flag.Version);
    }

    [Fact]
    public void ToState_NothingPublished_HasEmptyParameters() =>
        Assert.Equal(FlagParameters.None, Flag.Create("search", "salt", Now).ToState(false).Parameters);
}
