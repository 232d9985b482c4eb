namespace Lens.Core.Statistics;

/// <summary>
/// The sequential rate test after one more look. <see cref="P"/> is the always-valid p-value (the smallest over every
/// look so far) and <see cref="Interval"/> the confidence sequence for candidate rate − baseline rate (the intersection
/// over every look so far); both stay valid however often and whenever one looks. <see cref="Difference"/> is this look's
/// estimate. Pass the result back in as the previous look to carry on.
/// </summary>
public sealed record SequentialRateResult(
    RateCounts Baseline,
    RateCounts Candidate,
    double Difference,
    double P,
    ConfidenceInterval Interval,
    int Looks,
    double Alpha,
    double MixingStandardDeviation)
{
    /// <summary>
    /// Inconclusive while P &gt; α; otherwise the side of zero the confidence sequence lies on. (Should the intersection of
    /// the intervals ever come out empty, which the normal approximation allows in rare cases, this look's estimate decides.)
    /// </summary>
    public RateVerdict Verdict =>
        P > Alpha ? RateVerdict.Inconclusive
        : Interval.Lower > 0 && Interval.Lower <= Interval.Upper ? RateVerdict.CandidateHigher
        : Interval.Upper < 0 && Interval.Lower <= Interval.Upper ? RateVerdict.CandidateLower
        : Difference >= 0 ? RateVerdict.CandidateHigher : RateVerdict.CandidateLower;
}
