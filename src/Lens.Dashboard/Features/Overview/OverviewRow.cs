using Lens.Core.Gates;
using Lens.Core.Rollouts;

namespace Lens.Dashboard.Features.Overview;

/// <summary>One rollout as the overview table shows it.</summary>
public sealed record OverviewRow(
    Guid Id,
    string Release,
    string Flag,
    RolloutState State,
    int Stage,
    int StageCount,
    decimal Percent,
    Verdict? WorstVerdict,
    TimeSpan TimeInStage,
    DateTimeOffset LastChange,
    DateTimeOffset Created,
    bool IsDemo)
{
    public bool IsLive => State is RolloutState.Running or RolloutState.Paused;

    public string StageText => $"{Stage + 1} of {StageCount}";

    public static OverviewRow From(Rollout r, DateTimeOffset now, bool killSwitch) => new(
        r.Id, r.ReleaseVersion, r.Flag, r.State, r.StageIndex, r.Stages.Count,
        killSwitch ? 0m : r.CurrentPercent,
        GateEvaluator.Worst(r.LatestVerdicts),
        r.State is RolloutState.Running or RolloutState.Paused && r.StageStartedAt is { } s ? now - s : TimeSpan.Zero,
        r.UpdatedAt,
        r.CreatedAt,
        r.PlanName == "demo");
}
