using Lens.Core.Text;

namespace Lens.Core.Tests.Text;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(6, "6 s")]
    [InlineData(60, "1 min")]
    [InlineData(130, "2 min 10 s")]
    [InlineData(1800, "30 min")]
    [InlineData(3600, "1 h")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(86400, "1 d")]
    [InlineData(93600, "1 d 2 h")]
    [InlineData(-5, "0 s")]
    [InlineData(0, "0 s")]
    public void Of_Seconds_ReadsInAtMostTwoUnitsWithoutAZeroTail(int seconds, string expected) =>
        Assert.Equal(expected, DurationText.Of(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(300, "300 ms")]
    [InlineData(50, "50 ms")]
    [InlineData(999.2, "999 ms")]
    [InlineData(0.3, "1 ms")]
    public void Of_UnderASecond_ReadsInMilliseconds(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Of(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(400, "1 s")]
    [InlineData(5_200, "6 s")]
    [InlineData(60_000, "1 min")]
    [InlineData(0, "0 s")]
    [InlineData(-300, "0 s")]
    public void Left_AnyFraction_RoundsUpToTheSecond(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Left(TimeSpan.FromMilliseconds(milliseconds)));
}
