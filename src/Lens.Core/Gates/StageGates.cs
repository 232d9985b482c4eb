namespace Lens.Core.Gates;

/// <summary>
/// The rules a stage must satisfy. A null threshold means that gate is not checked.
/// MinSamples is the number of candidate requests a window needs before any verdict other than
/// InsufficientData; FailureLimit is how many consecutive failing evaluations of one gate roll back.
/// </summary>
public sealed record StageGates(
    double? MaxErrorRate = null,
    double? MaxP99Ms = null,
    double? MaxP99ToP95 = null,
    int MinSamples = 100,
    int FailureLimit = 1);
