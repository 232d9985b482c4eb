namespace Lens.Core.Comparison;

/// <summary>
/// One metric, baseline against candidate: each side's value with its interval, the candidate's difference (relative,
/// as a fraction of the baseline) with its interval, the p-value where there is a test, and how far the sample is from
/// the size that would detect the configured minimum effect. Intervals are null where the window cannot give one.
/// </summary>
public sealed record MetricComparison(
    string Metric,
    string Unit,
    bool LowerIsBetter,
    double? Baseline,
    double? BaselineLower,
    double? BaselineUpper,
    double? Candidate,
    double? CandidateLower,
    double? CandidateUpper,
    double? RelativeDifference,
    double? RelativeLower,
    double? RelativeUpper,
    double? P,
    string Method,
    ComparisonOutcome Outcome,
    long SamplesPerArm,
    long? SamplesNeededPerArm);
