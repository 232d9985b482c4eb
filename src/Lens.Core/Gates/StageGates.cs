namespace Lens.Core.Gates;

/// <summary>
/// The rules a stage must satisfy. A null threshold means that gate is not checked.
/// MinSamples is the number of candidate requests a window needs before any verdict other than
/// InsufficientData; FailureLimit is how many consecutive failing evaluations of one gate roll back.
/// TargetResultsPerQuery and MaxResultsPerQueryDrift go together: the candidate's mean results per query must stay
/// within target ± drift, judged once MinSamples candidate requests have reported a result count.
/// MaxP95IncreaseVsBaseline compares the candidate with the baseline in the same window: its p95 may be at most this
/// fraction above the baseline's at 95% confidence (0.10: not worse by more than 10%). MaxErrorRateIncreaseVsBaseline
/// does the same for the error rate, in absolute terms (0.005: at most half a percentage point higher), judged by the
/// always-valid sequential test so that being evaluated every few seconds does not inflate its errors. InconclusiveLimit is how many
/// inconclusive evaluations in a row pause the rollout for a person (0: hold until the evidence decides).
/// Gauges are limits on gauges the services report (see <see cref="GaugeGate"/>).
/// </summary>
public sealed record StageGates(
    double? MaxErrorRate = null,
    double? MaxP99Ms = null,
    double? MaxP99ToP95 = null,
    int MinSamples = 100,
    int FailureLimit = 1,
    double? TargetResultsPerQuery = null,
    double? MaxResultsPerQueryDrift = null,
    double? MaxP95IncreaseVsBaseline = null,
    int InconclusiveLimit = 0,
    double? MaxErrorRateIncreaseVsBaseline = null,
    IReadOnlyList<GaugeGate>? Gauges = null);
