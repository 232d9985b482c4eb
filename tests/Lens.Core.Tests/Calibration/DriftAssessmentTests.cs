using Lens.Core.Calibration;

namespace Lens.Core.Tests.Calibration;

public sealed class DriftAssessmentTests
{
    private static ScoreSummary Day(double mean, double sd = 0.1, long n = 1000) => new(n, mean, sd);

    public static TheoryData<string, double[], double, DriftStatus, double?> MeanCases => new()
    {
        // name, baseline day means (sd 0.1, 1,000 scores each), the day's mean (sd 0.1, 1,000 scores), status, shift in σ
        { "no baseline yet", [], 0.5, DriftStatus.InsufficientBaseline, null },
        { "two of three days", [0.4, 0.4], 0.9, DriftStatus.InsufficientBaseline, null },
        { "unchanged", [0.39, 0.40, 0.41], 0.40, DriftStatus.Stable, 0.0 },
        // Day-to-day sd of 0.39, 0.40, 0.41 is 0.01 (above the sampling noise 0.1/√1000 = 0.00316).
        { "up 2σ of day-to-day spread", [0.39, 0.40, 0.41], 0.42, DriftStatus.Stable, 2.0 },
        { "exactly 3σ is not more than 3σ", [0.39, 0.40, 0.41], 0.43, DriftStatus.Stable, 3.0 },
        { "up 3.5σ", [0.39, 0.40, 0.41], 0.435, DriftStatus.Drifted, 3.5 },
        { "down 4σ", [0.49, 0.50, 0.51], 0.46, DriftStatus.Drifted, -4.0 },
        // Identical baseline days: the floor is one day's sampling noise, 0.1/√1000 = 0.0031623.
        { "identical days, a wobble", [0.4, 0.4, 0.4], 0.405, DriftStatus.Stable, 0.005 / 0.0031622776601683794 },
        { "identical days, a real move", [0.4, 0.4, 0.4], 0.42, DriftStatus.Drifted, 0.02 / 0.0031622776601683794 },
    };

    [Theory]
    [MemberData(nameof(MeanCases))]
    public void Assess_DayMeanAgainstBaselineDays_JudgesTheShiftInDayToDaySigmas(string name, double[] baselineMeans, double dayMean, DriftStatus status, double? shift)
    {
        var result = DriftAssessment.Assess(Day(dayMean), baselineMeans.Select(m => Day(m)).ToList(), minBaselineDays: 3);

        Assert.True(status == result.Status, name);
        if (shift is null) Assert.Null(result.ShiftSigma);
        else Assert.Equal(shift.Value, result.ShiftSigma!.Value, 9);
    }

    [Fact]
    public void Assess_SameMeanTwiceTheSpread_DriftsOnTheSpread()
    {
        var result = DriftAssessment.Assess(Day(0.4, sd: 0.2, n: 2000), [Day(0.4), Day(0.4), Day(0.4)], minBaselineDays: 3);

        Assert.Equal(DriftStatus.Drifted, result.Status);
        Assert.Equal(0.0, result.MeanShiftSigma!.Value, 9);
        // Floor σ_scores/√(2n) = 0.1/√4000 = 0.0015811: the spread rose by 0.1.
        Assert.Equal(0.1 / 0.0015811388300841897, result.SpreadShiftSigma!.Value, 6);
        Assert.Equal(result.SpreadShiftSigma, result.ShiftSigma);
    }

    [Fact]
    public void Describe_Drifted_NamesBothFiguresAndBothShifts()
    {
        var text = DriftAssessment.Assess(Day(0.435), [Day(0.39), Day(0.40), Day(0.41)], 3).Describe();

        Assert.Equal("mean score 0.435 (sd 0.100) against the baseline days' 0.400 (sd 0.100) over 3 day(s): mean +3.50σ, spread +0.00σ, limit ±3σ", text);
    }
}
