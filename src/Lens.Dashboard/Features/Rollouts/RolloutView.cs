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
    IReadOnlyDictionary<string, string?> Actions)
{
    public static RolloutView From(Rollout r, WindowMetrics window, DateTimeOffset now) => new(
        r.Id, r.Flag, r.ReleaseVersion, r.PlanName, r.State, r.StageIndex, r.CurrentPercent, r.Stages, r.LatestVerdicts,
        new RolloutMetricsView(VariantMetricsView.From(window.Baseline), VariantMetricsView.From(window.Candidate)),
        r.CreatedAt, r.UpdatedAt, r.StageStartedAt, r.TimeUntilAdvance(now),
        new[] { RolloutAction.Promote, RolloutAction.Pause, RolloutAction.Resume, RolloutAction.Rollback, RolloutAction.Abort }
            .ToDictionary(a => a.ToString().ToLowerInvariant(), a => r.WhyNot(a)));
}

public sealed record RolloutMetricsView(VariantMetricsView Baseline, VariantMetricsView Candidate);

/// <summary>One variant's stage window. ResultSamples: requests that reported a resultCount; ResultsPerQuery: their mean.</summary>
public sealed record VariantMetricsView(long Requests, long Errors, double? ErrorRate, double? P50Ms, double? P95Ms, double? P99Ms,
    long ResultSamples, double? ResultsPerQuery)
{
    public static VariantMetricsView From(VariantMetrics m) =>
        new(m.Requests, m.Errors, m.ErrorRate, m.P50Ms, m.P95Ms, m.P99Ms, m.ResultSamples, m.ResultsPerQuery);
}
