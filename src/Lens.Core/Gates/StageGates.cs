namespace Lens.Core.Gates;

/// <summary>
/// The rules a stage must satisfy. A null threshold means that gate is not checked.
/// MinSamples is the number of candidate requests a window needs before any verdict other than
/// InsufficientData; FailureLimit is how many consecutive failing evaluations of one gate roll back.
/// TargetResultsPerQuery and MaxResultsPerQueryDrift go together: the candidate's mean results per query must stay
/// within target ± drift, judged once MinSamples candidate requests have reported a result count.
/// </summary>
public sealed record StageGates(
    double? MaxErrorRate = null,
    double? MaxP99Ms = null,
    double? MaxP99ToP95 = null,
    int MinSamples = 100,
    int FailureLimit = 1,
    double? TargetResultsPerQuery = null,
    double? MaxResultsPerQueryDrift = null);
