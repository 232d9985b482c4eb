using Lens.Core.Calibration;

namespace Lens.Core.Tests.Calibration;

public sealed class DriftAssessmentTests
{
    private static ScoreSummary Day(double mean, double sd = 0.1, long n = 1000) => new(n, mean, sd);

    public static TheoryData<string, double[], double, DriftStatus, double?> Cases => new()
    {
        // name, baseline day means (sd 0.1 each), the day's mean, expected status, expected shift in σ
        { "no baseline yet", [], 0.5, DriftStatus.InsufficientBaseline, null },
        { "two of three days", [0.4, 0.4], 0.9, DriftStatus.InsufficientBaseline, null },
        { "unchanged", [0.4, 0.4, 0.4], 0.4, DriftStatus.Stable, 0.0 },
        { "up 2σ", [0.4, 0.4, 0.4], 0.6, DriftStatus.Stable, 2.0 },
        { "exactly 3σ is not more than 3σ", [0.4, 0.4, 0.4], 0.7, DriftStatus.Stable, 3.0 },
        { "up 3.5σ", [0.4, 0.4, 0.4], 0.75, DriftStatus.Drifted, 3.5 },
        { "down 4σ", [0.5, 0.5, 0.5], 0.1, DriftStatus.Drifted, -4.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Assess_DayAgainstBaseline_JudgesTheShiftInBaselineSigmas(string name, double[] baselineMeans, double dayMean, DriftStatus status, double? shift)
    {
        var result = DriftAssessment.Assess(Day(dayMean), baselineMeans.Select(m => Day(m)).ToList(), minBaselineDays: 3);

        Assert.True(status == result.Status, name);
        if (shift is null) Assert.Null(result.ShiftSigma);
        else Assert.Equal(shift.Value, result.ShiftSigma!.Value, 9);
    }

    [Fact]
    public void Assess_BaselineDaysWithDifferentMeans_UsesThePooledSpread()
    {
        // Days at 0.3 and 0.5 with no spread of their own pool to mean 0.4, sd 0.1: 0.75 is 3.5σ away.
        var result = DriftAssessment.Assess(Day(0.75), [Day(0.3, 0), Day(0.5, 0)], minBaselineDays: 2);

        Assert.Equal(DriftStatus.Drifted, result.Status);
        Assert.Equal(0.4, result.Baseline!.Mean, 12);
        Assert.Equal(0.1, result.Baseline.StandardDeviation, 12);
        Assert.Equal(3.5, result.ShiftSigma!.Value, 9);
    }

    [Fact]
    public void Assess_BaselineWithoutSpread_CallsAnyMoveADrift()
    {
        Assert.Equal(DriftStatus.Stable, DriftAssessment.Assess(Day(0.4), [Day(0.4, 0)], 1).Status);
        Assert.Equal(DriftStatus.Drifted, DriftAssessment.Assess(Day(0.41), [Day(0.4, 0)], 1).Status);
    }

    [Fact]
    public void Describe_Drifted_NamesBothMeansAndTheShift()
    {
        var text = DriftAssessment.Assess(Day(0.75), [Day(0.4), Day(0.4), Day(0.4)], 3).Describe();

        Assert.Equal("mean score 0.750 (sd 0.100) against baseline 0.400 (sd 0.100) over 3 day(s): shift +3.50σ, limit ±3σ", text);
    }
}
