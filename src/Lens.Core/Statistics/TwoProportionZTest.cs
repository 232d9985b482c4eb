namespace Lens.Core.Statistics;

/// <summary>
/// The fixed-horizon two-proportion z-test with the pooled variance: z = (p̂_c − p̂_b)/√(p̄(1 − p̄)(1/n_b + 1/n_c)).
/// Valid for one look at a sample size fixed in advance; checked after every batch, it raises false alarms far more
/// often than α (the A/A simulation measures how much more), which is why rates are judged sequentially instead.
/// </summary>
public static class TwoProportionZTest
{
    /// <summary>The z statistic; 0 when every trial so far had the same outcome.</summary>
    public static double Z(RateCounts baseline, RateCounts candidate)
    {
        baseline.Validate(nameof(baseline));
        candidate.Validate(nameof(candidate));
        if (baseline.Trials == 0 || candidate.Trials == 0) throw new ArgumentException("Each arm needs at least one trial.");
        var pooled = (double)(baseline.Successes + candidate.Successes) / (baseline.Trials + candidate.Trials);
        var variance = pooled * (1 - pooled) * (1.0 / baseline.Trials + 1.0 / candidate.Trials);
        return variance > 0 ? (candidate.Rate - baseline.Rate) / Math.Sqrt(variance) : 0;
    }

    public static double TwoSidedP(RateCounts baseline, RateCounts candidate) =>
        Math.Min(1, 2 * NormalDistribution.SurvivalFunction(Math.Abs(Z(baseline, candidate))));
}
