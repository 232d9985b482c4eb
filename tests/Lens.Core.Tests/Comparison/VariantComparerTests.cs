using Lens.Core.Comparison;
using Lens.Core.Metrics;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Comparison;

/// <summary>
/// References from SciPy 1.10 (Debian python3-scipy):
/// <c>/usr/bin/python3 -c "from scipy.stats import binomtest; ..."</c>
/// with <c>binomtest(k, n).proportion_ci(0.95, method='wilson')</c>. The sequential test itself is checked against its
/// reference in SequentialRateTestTests; here, that a rate comparison reads it the right way round.
/// </summary>
public sealed class VariantComparerTests
{
    [Theory]
    [InlineData(12, 1000, 0.006877647806403521, 0.020857268475498278)]
    [InlineData(0, 500, 0.0, 0.007624340461552241)]
    [InlineData(37, 400, 0.06785393449857381, 0.12489858538387784)]
    public void WilsonInterval_Of_MatchesSciPy(long k, long n, double low, double high)
    {
        var (lower, upper) = WilsonInterval.Of(k, n);

        Assert.Equal(low, lower, 12);
        Assert.Equal(high, upper, 12);
    }

    // baseline errors/requests, candidate errors/requests -> outcome for an error rate (lower is better)
    [Theory]
    [InlineData(10, 5000, 100, 5000, ComparisonOutcome.Worse)]
    [InlineData(100, 5000, 10, 5000, ComparisonOutcome.Better)]
    [InlineData(50, 2000, 45, 2100, ComparisonOutcome.NotYetKnown)]
    [InlineData(5, 300, 9, 310, ComparisonOutcome.NotYetKnown)]
    public void Rate_ErrorRates_JudgesByTheAlwaysValidTestAndShowsItsIntervalRelativeToTheBaseline(long a, long n1, long c, long n2, ComparisonOutcome outcome)
    {
        var comparison = VariantComparer.Rate("error rate", lowerIsBetter: true, a, n1, c, n2, minimumChange: 0.005);

        var test = SequentialRateTest.Look(new RateCounts(a, n1), new RateCounts(c, n2));
        var pb = (double)a / n1;
        Assert.Equal(outcome, comparison.Outcome);
        Assert.Equal(test.P, comparison.P);
        Assert.Equal((double)c / n2 / pb - 1, comparison.RelativeDifference!.Value, 12);
        Assert.Equal(test.Interval.Lower / pb, comparison.RelativeLower!.Value, 12);
        Assert.Equal(test.Interval.Upper / pb, comparison.RelativeUpper!.Value, 12);
        Assert.Equal(outcome != ComparisonOutcome.NotYetKnown, comparison.P <= 0.05);
    }

    [Fact]
    public void Rate_NoEventsOnEitherSide_HasNoRatioButSaysHowManyItWouldTake()
    {
        var comparison = VariantComparer.Rate("error rate", lowerIsBetter: true, 0, 400, 0, 400, minimumChange: 0.005);

        Assert.Null(comparison.RelativeDifference);
        Assert.Null(comparison.RelativeLower);
        Assert.Equal(ComparisonOutcome.NotYetKnown, comparison.Outcome);
        Assert.Equal(VariantComparer.SampleSizeForRate(0, 0.005), comparison.SamplesNeededPerArm);
    }

    [Fact]
    public void Rate_ClickThroughUp_IsBetterBecauseHigherIsBetter()
    {
        var comparison = VariantComparer.Rate("click-through", lowerIsBetter: false, 1000, 10000, 1400, 10000, 0.01);

        Assert.Equal(ComparisonOutcome.Better, comparison.Outcome);
    }

    [Theory]
    [InlineData(0.01, 0.005, 7747)]   // ⌈(1.96 + 0.8416)² · (0.01·0.99 + 0.015·0.985) / 0.005²⌉
    [InlineData(0.10, 0.01, 14749)]
    public void SampleSizeForRate_BaselineRateAndMinimumChange_IsTheTwoProportionRule(double p, double change, long expected) =>
        Assert.Equal(expected, VariantComparer.SampleSizeForRate(p, change));

    [Theory]
    // baseline p95 [low, high], candidate p95 [low, high] -> outcome (lower latency is better)
    [InlineData(100, 95, 105, 130, 125, 135, ComparisonOutcome.Worse)]
    [InlineData(100, 95, 105, 102, 97, 107, ComparisonOutcome.NotYetKnown)]
    [InlineData(100, 95, 105, 70, 65, 75, ComparisonOutcome.Better)]
    public void Percentile_BothIntervals_JudgesTheRatioInterval(double b, double bLow, double bHigh, double c, double cLow, double cHigh, ComparisonOutcome outcome)
    {
        var comparison = VariantComparer.Percentile("p95", 1000, b, bLow, bHigh, 1000, c, cLow, cHigh, minimumIncrease: 0.10);

        Assert.Equal(outcome, comparison.Outcome);
        Assert.Equal(c / b - 1, comparison.RelativeDifference!.Value, 12);
        Assert.Equal(cLow / bHigh - 1, comparison.RelativeLower!.Value, 12);
        Assert.Equal(cHigh / bLow - 1, comparison.RelativeUpper!.Value, 12);
    }

    [Fact]
    public void Percentile_WideInterval_NeedsMoreSamplesToDetectTheMinimum()
    {
        // Relative interval −19%..+33% (half-width 26%) on 1,000 each: (0.26 / 0.10)² ≈ 6.8 times as many.
        var comparison = VariantComparer.Percentile("p95", 1000, 100, 90, 110, 1000, 105, 89, 120, minimumIncrease: 0.10);

        Assert.InRange(comparison.SamplesNeededPerArm!.Value, 6000, 7500);
    }

    private static LatencyHistogram Spread(double from, double to, int count)
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < count; i++) histogram.Record(from + (to - from) * i / (count - 1));
        return histogram;
    }

    [Fact]
    public void LatencyShift_CandidateThirtyPercentSlower_IsWorseWithAPositiveInterval()
    {
        var comparison = VariantComparer.LatencyShift(Spread(10, 100, 2000), Spread(13, 130, 2000), minimumIncrease: 0.10);

        Assert.Equal(ComparisonOutcome.Worse, comparison.Outcome);
        Assert.InRange(comparison.RelativeDifference!.Value, 0.25, 0.35);
        Assert.True(comparison.RelativeLower > 0);
        Assert.True(comparison.P < 1e-6);
    }

    [Fact]
    public void LatencyShift_SameDistribution_IsNotYetKnown()
    {
        var comparison = VariantComparer.LatencyShift(Spread(10, 100, 2000), Spread(10, 100, 2000), minimumIncrease: 0.10);

        Assert.Equal(ComparisonOutcome.NotYetKnown, comparison.Outcome);
        Assert.True(comparison.RelativeLower < 0 && comparison.RelativeUpper > 0);
        Assert.True(comparison.P > 0.5);
    }

    /// <summary>
    /// Reference: <c>/usr/bin/python3 -c "import numpy as np; from scipy.stats import norm; b=np.array([7]*30+[9]*10.); c=np.array([5]*20+[7]*20.);
    /// se=np.sqrt(b.var(ddof=1)/40+c.var(ddof=1)/40); d=c.mean()-b.mean(); print(d, se, 2*norm.sf(abs(d)/se))"</c>.
    /// </summary>
    [Theory]
    [InlineData(null, ComparisonOutcome.NotYetKnown)]
    [InlineData(5.0, ComparisonOutcome.Better)]      // the candidate's 6 is nearer 5 than the baseline's 7.5
    [InlineData(8.0, ComparisonOutcome.Worse)]
    public void ResultsPerQuery_TwoWindows_GivesWelchsIntervalAndPAsSciPyAndJudgesAgainstTheTarget(double? target, ComparisonOutcome outcome)
    {
        var baseline = new VariantMetrics(40, 0, 10, 20, 30, ResultSamples: 40, TotalResults: 30 * 7 + 10 * 9, TotalResultSquares: 30 * 49 + 10 * 81);
        var candidate = new VariantMetrics(40, 0, 10, 20, 30, ResultSamples: 40, TotalResults: 20 * 5 + 20 * 7, TotalResultSquares: 20 * 25 + 20 * 49);

        var comparison = VariantComparer.ResultsPerQuery("results per query", baseline, candidate, target);

        Assert.Equal(1.429505334684174e-12, comparison.P!.Value, 1.429505334684174e-12 * 1e-9);
        Assert.Equal(-1.5 / 7.5, comparison.RelativeDifference!.Value, 12);
        Assert.Equal(-1.9151784582690121 / 7.5, comparison.RelativeLower!.Value, 12);
        Assert.Equal(-1.0848215417309879 / 7.5, comparison.RelativeUpper!.Value, 12);
        Assert.Equal(outcome, comparison.Outcome);
    }
}
