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
    public void Of_Seconds_ReadsInAtMostTwoUnitsWithoutAZeroTail(int seconds, string expected) =>
        Assert.Equal(expected, DurationText.Of(TimeSpan.FromSeconds(seconds)));
}
