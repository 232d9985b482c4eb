using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>A rollout as the HTTP contract and the hub show it.</summary>
public sealed record RolloutView(
    Guid Id,
    string Flag,
    string ReleaseVersion,
    string? Plan,
    RolloutState State,
    int StageIndex,
    decimal Percent,
    IReadOnlyList<RolloutStage> Stages,
    IReadOnlyList<GateVerdict> Verdicts,
    RolloutMetricsView Metrics,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StageStartedAt,
    TimeSpan TimeUntilAdvance,
    IReadOnlyDictionary<string, string?> Actions,
    string? WaitingFor = null,
    int? ApprovedStageIndex = null,
    string? ApprovedBy = null,
    int StepBackBreaches = 0)
{
    /// <summary>The actions people take, each at POST /api/rollouts/{id}/{action in lower case}.</summary>
    public static IReadOnlyList<RolloutAction> PeopleActions { get; } =
        [RolloutAction.Promote, RolloutAction.Pause, RolloutAction.Resume, RolloutAction.StepBack, RolloutAction.Approve, RolloutAction.Rollback, RolloutAction.Abort];

    public static RolloutView From(Rollout r, WindowMetrics window, DateTimeOffset now) => new(
        r.Id, r.Flag, r.ReleaseVersion, r.PlanName, r.State, r.StageIndex, r.CurrentPercent, r.Stages, r.LatestVerdicts,
        new RolloutMetricsView(VariantMetricsView.From(window.Baseline), VariantMetricsView.From(window.Candidate), window.Gauges),
        r.CreatedAt, r.UpdatedAt, r.StageStartedAt, r.TimeUntilAdvance(now),
        PeopleActions.ToDictionary(a => a.ToString().ToLowerInvariant(), a => r.WhyNot(a)),
        r.WaitingFor, r.ApprovedStageIndex, r.ApprovedBy, r.StepBackBreaches);
}

/// <summary>The stage window: both variants, and each gauge the services reported over it.</summary>
public sealed record RolloutMetricsView(VariantMetricsView Baseline, VariantMetricsView Candidate, IReadOnlyDictionary<string, GaugePair>? Gauges = null);

/// <summary>One variant's stage window. ResultSamples: requests that reported a resultCount; ResultsPerQuery: their mean.</summary>
public sealed record VariantMetricsView(long Requests, long Errors, double? ErrorRate, double? P50Ms, double? P95Ms, double? P99Ms,
    long ResultSamples, double? ResultsPerQuery)
{
    public static VariantMetricsView From(VariantMetrics m) =>
        new(m.Requests, m.Errors, m.ErrorRate, m.P50Ms, m.P95Ms, m.P99Ms, m.ResultSamples, m.ResultsPerQuery);
}
