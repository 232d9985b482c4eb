namespace Lens.Core.Statistics;

/// <summary>
/// An always-valid test for the difference of two rates (error rate, click-through) that may be looked at after every
/// batch without inflating false alarms: the mixture sequential probability ratio test (mSPRT) with a normal mixing
/// distribution, from Johari, Koomen, Pekelis and Walsh, "Always valid inference: continuous monitoring of A/B tests"
/// (Operations Research 70(3), 2022), on the normal approximation of the difference of two proportions.
/// <para>θ = candidate rate − baseline rate; θ̂ is its estimate and V = p̂_b(1 − p̂_b)/n_b + p̂_c(1 − p̂_c)/n_c the
/// plug-in variance of θ̂. Mixing the alternative θ over N(θ₀, τ²), the likelihood ratio against θ₀ is
/// Λ(θ₀) = √(V/(V + τ²)) · exp(τ²(θ̂ − θ₀)² / (2V(V + τ²))). Under θ₀ it is (approximately) a nonnegative martingale with
/// mean 1, so by Ville's inequality it ever reaches 1/α with probability at most α, however often one looks. Hence the
/// always-valid p-value, the smallest 1/Λ(0) over the looks, and the confidence sequence, the running intersection of
/// {θ₀ : Λ(θ₀) &lt; 1/α} = θ̂ ± √(V(V + τ²)/τ² · (2 ln(1/α) + ln((V + τ²)/V))).</para>
/// <para>The mixing standard deviation τ is the size of difference one expects and cares about. The test is most
/// sensitive around the sample size where the estimate's standard error √V is about τ: a smaller τ hunts small effects in
/// large samples, a larger one stops sooner on large effects and is slow on small ones. The default, 0.01, is one
/// percentage point: the scale of an error-rate regression or a click-through change a canary exists to catch (at
/// rates near 5%, √V reaches it at about 950 trials per arm).</para>
/// <para>When V is 0 because both arms are all successes or all failures, the pooled rate's variance
/// p̄(1 − p̄)(1/n_b + 1/n_c) stands in (so 0 of 1000 against 1000 of 1000 is still evidence); when that is 0 too, every
/// trial so far had the same outcome and there is no evidence either way: p = 1 and the interval is [−1, 1].</para>
/// </summary>
public static class SequentialRateTest
{
    public const double DefaultMixingStandardDeviation = 0.01;
    public const double DefaultAlpha = 0.05;

    /// <summary>
    /// One look at the cumulative counts so far. With <paramref name="previous"/> (the last look's result) the p-value and
    /// interval carry on from it; without, this is the first look.
    /// </summary>
    public static SequentialRateResult Look(RateCounts baseline, RateCounts candidate, SequentialRateResult? previous = null,
        double alpha = DefaultAlpha, double mixingStandardDeviation = DefaultMixingStandardDeviation)
    {
        baseline.Validate(nameof(baseline));
        candidate.Validate(nameof(candidate));
        if (baseline.Trials == 0 || candidate.Trials == 0) throw new ArgumentException("Each arm needs at least one trial before a look.");
        if (alpha is not (> 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α is a fraction strictly between 0 and 1.");
        if (!(mixingStandardDeviation > 0) || !double.IsFinite(mixingStandardDeviation))
            throw new ArgumentOutOfRangeException(nameof(mixingStandardDeviation), mixingStandardDeviation, "τ must be a positive number.");
        if (previous is not null)
        {
            if (previous.Alpha != alpha || previous.MixingStandardDeviation != mixingStandardDeviation)
                throw new ArgumentException("A sequence of looks keeps one α and one τ.", nameof(previous));
            if (baseline.Trials < previous.Baseline.Trials || candidate.Trials < previous.Candidate.Trials)
                throw new ArgumentException("Counts are cumulative: a look cannot have fewer trials than the one before.", nameof(previous));
        }

        var difference = candidate.Rate - baseline.Rate;
        var variance = Variance(baseline, candidate);
        var p = 1.0;
        var interval = new ConfidenceInterval(-1, 1, 1 - alpha);
        if (variance > 0)
        {
            p = Math.Min(1, Math.Exp(-LogLikelihoodRatio(difference, variance, mixingStandardDeviation)));
            var radius = Radius(variance, mixingStandardDeviation, alpha);
            interval = new ConfidenceInterval(Math.Max(-1, difference - radius), Math.Min(1, difference + radius), 1 - alpha);
        }
        if (previous is not null)
        {
            p = Math.Min(p, previous.P);
            interval = new ConfidenceInterval(Math.Max(interval.Lower, previous.Interval.Lower), Math.Min(interval.Upper, previous.Interval.Upper), 1 - alpha);
        }
        return new SequentialRateResult(baseline, candidate, difference, p, interval, (previous?.Looks ?? 0) + 1, alpha, mixingStandardDeviation);
    }

    /// <summary>Every look in turn, each carrying on from the one before; the last result.</summary>
    public static SequentialRateResult Monitor(IEnumerable<(RateCounts Baseline, RateCounts Candidate)> looks,
        double alpha = DefaultAlpha, double mixingStandardDeviation = DefaultMixingStandardDeviation)
    {
        ArgumentNullException.ThrowIfNull(looks);
        SequentialRateResult? result = null;
        foreach (var (b, c) in looks) result = Look(b, c, result, alpha, mixingStandardDeviation);
        return result ?? throw new ArgumentException("There is no look to judge.", nameof(looks));
    }

    /// <summary>The plug-in variance of the rate difference; the pooled rate's when both arms' rates are 0 or 1.</summary>
    public static double Variance(RateCounts baseline, RateCounts candidate)
    {
        var (pb, pc) = (baseline.Rate, candidate.Rate);
        var variance = pb * (1 - pb) / baseline.Trials + pc * (1 - pc) / candidate.Trials;
        if (variance > 0) return variance;
        var pooled = (double)(baseline.Successes + candidate.Successes) / (baseline.Trials + candidate.Trials);
        return pooled * (1 - pooled) * (1.0 / baseline.Trials + 1.0 / candidate.Trials);
    }

    /// <summary>ln Λ(θ₀): the log of the normal-mixture likelihood ratio of the estimate against θ₀ (logs: Λ overflows on big samples).</summary>
    public static double LogLikelihoodRatio(double difference, double variance, double mixingStandardDeviation, double nullDifference = 0)
    {
        var tau2 = mixingStandardDeviation * mixingStandardDeviation;
        var gap = difference - nullDifference;
        return 0.5 * Math.Log(variance / (variance + tau2)) + tau2 * gap * gap / (2 * variance * (variance + tau2));
    }

    /// <summary>Half the width of this look's interval: the |θ̂ − θ₀| at which Λ(θ₀) reaches 1/α.</summary>
    public static double Radius(double variance, double mixingStandardDeviation, double alpha)
    {
        var tau2 = mixingStandardDeviation * mixingStandardDeviation;
        return Math.Sqrt(variance * (variance + tau2) / tau2 * (2 * Math.Log(1 / alpha) + Math.Log((variance + tau2) / variance)));
    }
}
