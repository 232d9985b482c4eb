using Lens.Core.Metrics;
using Lens.Core.Statistics;

namespace Lens.Core.Comparison;

/// <summary>
/// Baseline against candidate, one metric at a time, from what a stage window keeps. Pure: the comparison page, its
/// API and the sign-off report all call these, so a metric reads the same everywhere.
/// </summary>
public static class VariantComparer
{
    /// <summary>z for 95% two-sided and for 80% power: the sample-size rule's constants.</summary>
    private const double Z95 = NormalDistribution.Z95, ZPower80 = 0.8416212335729143;

    /// <summary>
    /// A latency percentile: each side's value with its distribution-free interval (97.5% each, from the window's
    /// histogram), and the relative difference's interval from the two (candidate low over baseline high, candidate
    /// high over baseline low), which holds at 95% or more. The sample needed is the current sample scaled until the
    /// relative interval's half-width would be the minimum increase (intervals narrow as 1/√n).
    /// </summary>
    public static MetricComparison Percentile(string metric, long baselineRequests, double? baseline, double? baselineLow, double? baselineHigh,
        long candidateRequests, double? candidate, double? candidateLow, double? candidateHigh, double minimumIncrease)
    {
        var n = Math.Min(baselineRequests, candidateRequests);
        if (baseline is not > 0 || candidate is null || baselineLow is not > 0 || baselineHigh is not > 0 || candidateLow is null || candidateHigh is null)
            return new MetricComparison(metric, "ms", true, baseline, baselineLow, baselineHigh, candidate, candidateLow, candidateHigh,
                null, null, null, null, "order-statistic intervals", ComparisonOutcome.NotYetKnown, n, null);
        var relative = candidate.Value / baseline.Value - 1;
        var lower = candidateLow.Value / baselineHigh.Value - 1;
        var upper = candidateHigh.Value / baselineLow.Value - 1;
        var outcome = lower > 0 ? ComparisonOutcome.Worse : upper < 0 ? ComparisonOutcome.Better : ComparisonOutcome.NotYetKnown;
        var halfWidth = (upper - lower) / 2;
        long? needed = halfWidth > 0 && minimumIncrease > 0 ? (long)Math.Ceiling(n * Math.Pow(halfWidth / minimumIncrease, 2)) : null;
        return new MetricComparison(metric, "ms", true, baseline, baselineLow, baselineHigh, candidate, candidateLow, candidateHigh,
            relative, lower, upper, null, "order-statistic intervals", outcome, n, needed);
    }

    /// <summary>
    /// A rate (errors per request, clicks per impression): each side's 95% Wilson interval, and the difference judged by
    /// the always-valid sequential test (mixture SPRT), so the verdict stays honest however often the page is looked at:
    /// its p-value, and its confidence sequence for candidate − baseline shown relative to the baseline's rate. The
    /// sample needed is the fixed-horizon two-proportion rule at α = 0.05 and 80% power for the minimum absolute change
    /// (a sequential test needs somewhat more; it is a guide to the order of magnitude).
    /// </summary>
    public static MetricComparison Rate(string metric, bool lowerIsBetter, long baselineEvents, long baselineTrials, long candidateEvents, long candidateTrials,
        double minimumChange)
    {
        const string method = "always-valid (mSPRT)";
        var n = Math.Min(baselineTrials, candidateTrials);
        if (baselineTrials == 0 || candidateTrials == 0)
            return new MetricComparison(metric, "rate", lowerIsBetter, null, null, null, null, null, null, null, null, null, null, method,
                ComparisonOutcome.NotYetKnown, n, null);
        var (bLow, bHigh) = WilsonInterval.Of(baselineEvents, baselineTrials);
        var (cLow, cHigh) = WilsonInterval.Of(candidateEvents, candidateTrials);
        var pb = (double)baselineEvents / baselineTrials;
        var pc = (double)candidateEvents / candidateTrials;
        if (baselineEvents == 0 && candidateEvents == 0)
            // No events on either side: there is no ratio to speak of, only how many it would take to see one.
            return new MetricComparison(metric, "rate", lowerIsBetter, pb, bLow, bHigh, pc, cLow, cHigh, null, null, null, null, method,
                ComparisonOutcome.NotYetKnown, n, SampleSizeForRate(pb, minimumChange));
        var test = SequentialRateTest.Look(new RateCounts(baselineEvents, baselineTrials), new RateCounts(candidateEvents, candidateTrials));
        var outcome = test.Verdict switch
        {
            RateVerdict.CandidateHigher => lowerIsBetter ? ComparisonOutcome.Worse : ComparisonOutcome.Better,
            RateVerdict.CandidateLower => lowerIsBetter ? ComparisonOutcome.Better : ComparisonOutcome.Worse,
            _ => ComparisonOutcome.NotYetKnown,
        };
        return new MetricComparison(metric, "rate", lowerIsBetter, pb, bLow, bHigh, pc, cLow, cHigh,
            pb > 0 ? pc / pb - 1 : null, pb > 0 ? test.Interval.Lower / pb : null, pb > 0 ? test.Interval.Upper / pb : null, test.P, method,
            outcome, n, SampleSizeForRate(pb, minimumChange));
    }

    /// <summary>
    /// The whole latency distribution from the two windows' histograms: Mann-Whitney's two-sided p (ties and continuity
    /// corrected, every latency at its bucket's value: within 1%) and the Hodges–Lehmann shift with its Moses interval,
    /// shown relative to the baseline's median. Worse when the interval lies above zero, better when below.
    /// </summary>
    public static MetricComparison LatencyShift(LatencyHistogram baseline, LatencyHistogram candidate, double minimumIncrease)
    {
        const string method = "Mann-Whitney, Hodges–Lehmann (Moses)";
        var n = Math.Min(baseline.Count, candidate.Count);
        var median = baseline.Percentile(0.5);
        if (HistogramMannWhitney.Compare(baseline, candidate) is not { } judged || median is not > 0)
            return new MetricComparison("latency shift", "ms", true, median, null, null, candidate.Percentile(0.5), null, null, null, null, null, null, method,
                ComparisonOutcome.NotYetKnown, n, null);
        var test = judged.Test;
        var (lower, upper) = (test.HodgesLehmannInterval.Lower, test.HodgesLehmannInterval.Upper);
        var outcome = lower > 0 ? ComparisonOutcome.Worse : upper < 0 ? ComparisonOutcome.Better : ComparisonOutcome.NotYetKnown;
        var halfWidth = (upper - lower) / 2 / median.Value;
        long? needed = halfWidth > 0 && minimumIncrease > 0 ? (long)Math.Ceiling(n * Math.Pow(halfWidth / minimumIncrease, 2)) : null;
        return new MetricComparison("latency shift", "ms", true, median, null, null, median + test.HodgesLehmannShift, null, null,
            test.HodgesLehmannShift / median.Value, lower / median.Value, upper / median.Value, test.P, method, outcome, n, needed);
    }

    /// <summary>
    /// Results per query: each side's mean with its 95% normal interval, and the difference of means with Welch's interval
    /// and two-sided p (large-sample normal). A count has no better direction by itself: with the stage's target, the side
    /// nearer it is better once the difference is significant; without one the verdict stays "not yet known".
    /// </summary>
    public static MetricComparison ResultsPerQuery(string metric, VariantMetrics baseline, VariantMetrics candidate, double? target)
    {
        const string method = "Welch (normal)";
        var n = Math.Min(baseline.ResultSamples, candidate.ResultSamples);
        if (baseline is not { ResultsPerQuery: { } mb, ResultsPerQueryStandardDeviation: { } sb } || candidate is not { ResultsPerQuery: { } mc, ResultsPerQueryStandardDeviation: { } sc })
            return new MetricComparison(metric, "mean", false, baseline.ResultsPerQuery, null, null, candidate.ResultsPerQuery, null, null,
                baseline.ResultsPerQuery is > 0 && candidate.ResultsPerQuery is { } c0 ? c0 / baseline.ResultsPerQuery.Value - 1 : null, null, null, null,
                method, ComparisonOutcome.NotYetKnown, n, null);
        var seB = sb / Math.Sqrt(baseline.ResultSamples);
        var seC = sc / Math.Sqrt(candidate.ResultSamples);
        var difference = mc - mb;
        var se = Math.Sqrt(seB * seB + seC * seC);
        var p = se > 0 ? Math.Min(1, 2 * NormalDistribution.SurvivalFunction(Math.Abs(difference) / se)) : difference == 0 ? 1 : 0;
        var (lower, upper) = (difference - Z95 * se, difference + Z95 * se);
        var outcome = ComparisonOutcome.NotYetKnown;
        if (target is { } t && (lower > 0 || upper < 0))
            outcome = Math.Abs(mc - t) < Math.Abs(mb - t) ? ComparisonOutcome.Better : ComparisonOutcome.Worse;
        return new MetricComparison(metric, "mean", false, mb, mb - Z95 * seB, mb + Z95 * seB, mc, mc - Z95 * seC, mc + Z95 * seC,
            mb > 0 ? difference / mb : null, mb > 0 ? lower / mb : null, mb > 0 ? upper / mb : null, p, method, outcome, n, null);
    }

    /// <summary>Per arm, to detect an absolute change of <paramref name="minimumChange"/> from rate p at α = 0.05 with 80% power.</summary>
    public static long? SampleSizeForRate(double p, double minimumChange)
    {
        if (minimumChange <= 0 || p is < 0 or > 1) return null;
        var q = Math.Clamp(p + minimumChange, 0, 1);
        var variance = p * (1 - p) + q * (1 - q);
        if (variance <= 0) return null;
        return (long)Math.Ceiling(Math.Pow(Z95 + ZPower80, 2) * variance / (minimumChange * minimumChange));
    }
}
