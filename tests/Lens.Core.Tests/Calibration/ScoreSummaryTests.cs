using Lens.Core.Calibration;

namespace Lens.Core.Tests.Calibration;

/// <summary>
/// References from NumPy 1.24 (Debian python3-numpy), population standard deviation:
/// <c>/usr/bin/python3 -c "import numpy as np; a=np.repeat([0.1,0.25,0.7],[3,5,2]); b=np.repeat([0.333,0.5,0.9,1.0],[7,1,4,10]);
/// print(a.mean(), a.std(), b.mean(), b.std(), np.concatenate([a,b]).mean(), np.concatenate([a,b]).std())"</c>
/// </summary>
public sealed class ScoreSummaryTests
{
    private static readonly ScoreCount[] First = [new(0.1, 3, 0), new(0.25, 5, 1), new(0.7, 2, 2)];
    private static readonly ScoreCount[] Second = [new(0.333, 7, 1), new(0.5, 1, 0), new(0.9, 4, 3), new(1.0, 10, 9)];

    public static TheoryData<string, double, double> Days => new()
    {
        { "first", 0.29500000000000004, 0.21266170318136735 },
        { "second", 0.7468636363636364, 0.30109697855652384 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void From_Histogram_MatchesNumPyMeanAndStd(string day, double mean, double sd)
    {
        var summary = ScoreSummary.From(day == "first" ? First : Second);

        Assert.Equal(mean, summary.Mean, 12);
        Assert.Equal(sd, summary.StandardDeviation, 12);
    }

    [Fact]
    public void Pool_TwoDays_MatchesNumPyOnTheConcatenatedScores()
    {
        var pooled = ScoreSummary.Pool([ScoreSummary.From(First), ScoreSummary.From(Second)]);

        Assert.Equal(32, pooled.Count);
        Assert.Equal(0.60565625, pooled.Mean, 12);
        Assert.Equal(0.34688341065253825, pooled.StandardDeviation, 12);
    }

    [Fact]
    public void From_EmptyHistogram_Throws() => Assert.Throws<ArgumentException>(() => ScoreSummary.From([]));
}
