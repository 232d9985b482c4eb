namespace Lens.Core.Statistics;

/// <summary>
/// The Hodges–Lehmann estimate of the shift from baseline to candidate, the median of all n₁n₂ differences
/// candidate − baseline, and its distribution-free confidence interval (Moses; Hollander and Wolfe, section 4.3).
/// <para>The interval runs from the C-th smallest difference to the C-th largest, with
/// C = max(1, ⌊n₁n₂/2 + ½ − z·σ_U⌋) where z is the normal quantile for the confidence (1.96 at 95%) and σ_U the
/// tie-corrected standard deviation of U that the test itself uses. This is Hollander and Wolfe's large-sample
/// C_α = n₁n₂/2 − z·σ_U rounded to the nearest whole number, which is also the continuity-corrected normal
/// approximation of P(U ≤ C − 1) = α/2. When C would fall below 1 (a handful of values) the interval is the whole
/// range of differences and covers less than the confidence asked for.</para>
/// </summary>
public static class HodgesLehmann
{
    public static double Shift(TiedSample baseline, TiedSample candidate) => PairwiseDifferences.Median(candidate, baseline);

    /// <summary>C: the interval's ends are the C-th smallest and the C-th largest difference.</summary>
    public static long MosesRank(long nBaseline, long nCandidate, double sigmaU, double confidence)
    {
        if (confidence is not (> 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence is a fraction strictly between 0 and 1.");
        if (!(sigmaU >= 0)) throw new ArgumentOutOfRangeException(nameof(sigmaU), sigmaU, "A standard deviation is zero or more.");
        var pairs = checked(nBaseline * nCandidate);
        var z = NormalDistribution.UpperQuantile((1 - confidence) / 2);
        var rank = Math.Floor(pairs / 2.0 + 0.5 - z * sigmaU);
        return (long)Math.Max(1, rank);
    }

    public static ConfidenceInterval MosesInterval(TiedSample baseline, TiedSample candidate, double sigmaU, double confidence)
    {
        var pairs = PairwiseDifferences.PairCount(candidate, baseline);
        var rank = MosesRank(baseline.Total, candidate.Total, sigmaU, confidence);
        return new ConfidenceInterval(
            PairwiseDifferences.OrderStatistic(candidate, baseline, rank),
            PairwiseDifferences.OrderStatistic(candidate, baseline, pairs + 1 - rank),
            confidence);
    }
}
