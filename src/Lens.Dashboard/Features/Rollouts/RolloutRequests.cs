namespace Lens.Dashboard.Features.Rollouts;

public sealed record CreateRolloutRequest(string? ReleaseVersion, string? Flag, string? Plan, List<StageRequest>? Stages, string? Actor);

public sealed record StageRequest(decimal? Percent, TimeSpan? MinDuration, GatesRequest? Gates, string? OnBreach = null, string? Approval = null,
    List<string>? ConfirmUrls = null);

public sealed record GatesRequest(double? MaxErrorRate, double? MaxP99Ms, double? MaxP99ToP95, int? MinSamples, int? FailureLimit,
    double? TargetResultsPerQuery = null, double? MaxResultsPerQueryDrift = null, double? MaxP95IncreaseVsBaseline = null, int? InconclusiveLimit = null,
    double? MaxErrorRateIncreaseVsBaseline = null, List<GaugeGateRequest?>? Gauges = null);

public sealed record GaugeGateRequest(string? Name, double? Max = null, double? Min = null, double? MaxIncreaseVsBaseline = null,
    double? MaxDecreaseVsBaseline = null, int? MinSamples = null);

public sealed record RolloutActionRequest(string? Actor, string? Reason, int? ExpectedStageIndex);
