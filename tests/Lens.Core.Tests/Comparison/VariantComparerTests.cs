using Lens.Core.Comparison;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Comparison;

/// <summary>
/// References from SciPy 1.10 (Debian python3-scipy):
/// <c>/usr/bin/python3 -c "from scipy.stats import binomtest; from scipy.stats.contingency import relative_risk; ..."</c>
/// with <c>binomtest(k, n).proportion_ci(0.95, method='wilson')</c> and <c>relative_risk(c, n2, a, n1).confidence_interval(0.95)</c> (Katz).
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

    // baseline errors/requests, candidate errors/requests -> SciPy's risk ratio and its Katz 95% interval; the outcome for an error rate
    [Theory]
    [InlineData(12, 1000, 30, 1000, 2.5, 1.2873663930025683, 4.854872733956425, ComparisonOutcome.Worse)]
    [InlineData(50, 2000, 45, 2100, 0.8571428571428571, 0.5756807075192016, 1.2762176462662074, ComparisonOutcome.NotYetKnown)]
    [InlineData(5, 300, 9, 310, 1.7419354838709677, 0.590589940383522, 5.1378105559981595, ComparisonOutcome.NotYetKnown)]
    [InlineData(30, 1000, 12, 1000, 0.4, 0.20597862288041094, 0.776779637433028, ComparisonOutcome.Better)]
    public void Rate_ErrorRates_GivesTheRiskRatioIntervalAsSciPyAndJudgesIt(long a, long n1, long c, long n2, double ratio, double low, double high, ComparisonOutcome outcome)
    {
        var comparison = VariantComparer.Rate("error rate", lowerIsBetter: true, a, n1, c, n2, minimumChange: 0.005);

        Assert.Equal(ratio - 1, comparison.RelativeDifference!.Value, 12);
        Assert.Equal(low - 1, comparison.RelativeLower!.Value, 12);
        Assert.Equal(high - 1, comparison.RelativeUpper!.Value, 12);
        Assert.Equal(outcome, comparison.Outcome);
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
        var comparison = VariantComparer.Rate("click-through", lowerIsBetter: false, 100, 1000, 160, 1000, 0.01);

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
}
