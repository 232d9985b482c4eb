namespace Lens.Core.Statistics;

/// <summary>
/// What a Mann-Whitney test looks for, from the candidate's side as SciPy's <c>alternative</c> with the candidate first:
/// <see cref="Greater"/> means candidate values tend to be larger than baseline values (for latency: slower).
/// </summary>
public enum MannWhitneyAlternative
{
    TwoSided,
    Greater,
    Less,
}
