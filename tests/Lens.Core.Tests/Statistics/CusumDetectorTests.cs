using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

public class CusumDetectorTests
{
    // Montgomery, Introduction to Statistical Quality Control, tabular CUSUM example: μ0 = 10, σ = 1, k = 0.5, h = 5.
    private static readonly double[] Series =
    [
        9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40, 10.08,
        9.37, 10.62, 10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52,
    ];

    // Worked by hand from the definition, K = 0.5, so C⁺ uses x − 10.5 and C⁻ uses 9.5 − x:
    //  1: C⁺ = max(0, 9.45−10.5+0) = 0;        C⁻ = max(0, 9.5−9.45+0) = 0.05
    //  2: C⁺ = 0;                               C⁻ = 9.5−7.99+0.05 = 1.56
    //  4: C⁺ = 11.66−10.5+0 = 1.16;             C⁻ = max(0, 9.5−11.66+1.77) = 0
    //  5: C⁺ = 12.16−10.5+1.16 = 2.82
    //  7: C⁺ = 8.04−10.5+2.50 = 0.04;           C⁻ = 9.5−8.04+0 = 1.46
    // 29: C⁺ = 11.31−10.5+4.47 = 5.28 > 5: the first signal, as in the textbook.
    public static TheoryData<int, double, double, bool> Steps() => new()
    {
        { 1, 0.00, 0.05, false },
        { 2, 0.00, 1.56, false },
        { 3, 0.00, 1.77, false },
        { 4, 1.16, 0.00, false },
        { 5, 2.82, 0.00, false },
        { 6, 2.50, 0.00, false },
        { 7, 0.04, 1.46, false },
        { 8, 1.00, 0.00, false },
        { 12, 0.97, 0.00, false },
        { 13, 0.98, 0.00, false },
        { 19, 0.00, 0.98, false },
        { 23, 1.79, 0.00, false },
        { 26, 3.47, 0.00, false },
        { 28, 4.47, 0.00, false },
        { 29, 5.28, 0.00, true },
        { 30, 5.30, 0.00, true },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Replay_TextbookSeries_MatchesHandComputedSums(int index, double cPlus, double cMinus, bool alarm)
    {
        var step = CusumDetector.Replay(Series, new CusumParameters(10, 1))[index - 1];
        Assert.Equal(index, step.Index);
        Assert.Equal(cPlus, step.CPlus, 2);
        Assert.Equal(cMinus, step.CMinus, 2);
        Assert.Equal(alarm, step.Alarm);
    }

    [Fact]
    public void Replay_TextbookSeries_FirstSignalsAt29WithAShiftStartingAfter22()
    {
        var steps = CusumDetector.Replay(Series, new CusumParameters(10, 1));
        var first = steps.First(s => s.Alarm);
        Assert.Equal(29, first.Index);
        Assert.True(first.AlarmHigh);
        Assert.Equal(7, first.NPlus); // C⁺ has been positive since observation 23
    }

    [Fact]
    public void Add_SustainedDrop_SignalsLowSide()
    {
        var detector = new CusumDetector(new CusumParameters(Target: 0.9, Sigma: 0.02));
        CusumStep last = detector.Add(0.9);
        for (var i = 0; i < 10 && !last.Alarm; i++) last = detector.Add(0.85);
        // Each 0.85 adds (0.9 − 0.01) − 0.85 = 0.04 to C⁻; H = 0.1, so the third exceeds it (0.12).
        Assert.True(last.AlarmLow);
        Assert.Equal(4, last.Index);
        Assert.Equal(0.12, last.CMinus, 10);
    }

    [Theory]
    [InlineData(10, 0, 0.5, 5)]
    [InlineData(10, 1, -1, 5)]
    [InlineData(10, 1, 0.5, 0)]
    [InlineData(double.NaN, 1, 0.5, 5)]
    public void Create_WithBadParameters_Throws(double target, double sigma, double k, double h) =>
        Assert.Throws<ArgumentException>(() => new CusumDetector(new CusumParameters(target, sigma, k, h)));

    [Fact]
    public void Reset_ClearsBothSides()
    {
        var detector = new CusumDetector(new CusumParameters(10, 1));
        foreach (var x in Series) detector.Add(x);
        detector.Reset();
        Assert.Equal(0, detector.CPlus);
        Assert.Equal(0, detector.NPlus);
        Assert.Equal(0, detector.Add(10.5).CPlus);
    }
}
