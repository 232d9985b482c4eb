namespace Lens.Dashboard.Features.Rollouts;

public sealed record CreateRolloutRequest(string? ReleaseVersion, string? Flag, string? Plan, List<StageRequest>? Stages, string? Actor);

public sealed record StageRequest(decimal? Percent, TimeSpan? MinDuration, GatesRequest? Gates);

public sealed record GatesRequest(double? MaxErrorRate, double? MaxP99Ms, double? MaxP99ToP95, int? MinSamples, int? FailureLimit,
    double? TargetResultsPerQuery = null, double? MaxResultsPerQueryDrift = null, double? MaxP95IncreaseVsBaseline = null, int? InconclusiveLimit = null,
    double? MaxErrorRateIncreaseVsBaseline = null);

public sealed record RolloutActionRequest(string? Actor, string? Reason, int? ExpectedStageIndex);
