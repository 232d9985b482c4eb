namespace Lens.Core.Statistics;

/// <summary>
/// What a sequential rate test says so far. Direction only: whether a higher rate is worse (errors) or better (clicks)
/// is the caller's to decide.
/// </summary>
public enum RateVerdict
{
    /// <summary>No difference established yet; keep collecting.</summary>
    Inconclusive,

    /// <summary>The candidate's rate is higher than the baseline's.</summary>
    CandidateHigher,

    /// <summary>The candidate's rate is lower than the baseline's.</summary>
    CandidateLower,
}
