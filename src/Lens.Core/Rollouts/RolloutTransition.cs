using Lens.Core.Gates;

namespace Lens.Core.Rollouts;

/// <summary>A domain event: one change of a rollout's state or stage, with who did it, why, and the evidence.</summary>
public sealed record RolloutTransition(
    Guid RolloutId,
    RolloutAction Action,
    string Actor,
    string Reason,
    RolloutState FromState,
    RolloutState ToState,
    int FromStage,
    int ToStage,
    decimal FromPercent,
    decimal ToPercent,
    DateTimeOffset At,
    IReadOnlyList<GateVerdict> Verdicts)
{
    public bool IsAutomatic => Action is RolloutAction.AutoAdvance or RolloutAction.AutoPromote or RolloutAction.AutoRollback or RolloutAction.AutoStepBack;
}
