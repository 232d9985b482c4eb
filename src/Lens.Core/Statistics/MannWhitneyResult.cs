namespace Lens.Core.Statistics;

/// <summary>
/// A Mann-Whitney U test of candidate against baseline, with its effect sizes.
/// <para><see cref="U"/> is the candidate's statistic (SciPy's first argument): the number of (candidate, baseline) pairs
/// in which the candidate value is larger, a tie counting ½. <see cref="P"/> is the asymptotic p-value with the tie
/// and continuity corrections.</para>
/// <para><see cref="CommonLanguageEffectSize"/> = U/(n₁n₂): the probability that a random candidate value exceeds a random
/// baseline value, ties counted half (0.5 when neither tends to be larger). <see cref="HodgesLehmannShift"/> is the median
/// of all pairwise differences candidate − baseline, in the values' unit, and <see cref="HodgesLehmannInterval"/> its
/// distribution-free (Moses) interval.</para>
/// </summary>
public sealed record MannWhitneyResult(
    double U,
    double P,
    MannWhitneyAlternative Alternative,
    long NBaseline,
    long NCandidate,
    double CommonLanguageEffectSize,
    double HodgesLehmannShift,
    ConfidenceInterval HodgesLehmannInterval);
