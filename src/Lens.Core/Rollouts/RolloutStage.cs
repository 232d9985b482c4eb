using Lens.Core.Gates;

namespace Lens.Core.Rollouts;

/// <summary>
/// A share of traffic (percent, 0.01 granularity) held for at least MinDuration, judged by Gates. OnBreach says what a
/// breach does; Approval whether a lead must approve before it advances; ConfirmUrls are receivers that must each answer
/// 2xx before it advances (Flagger's confirm-promotion).
/// </summary>
public sealed record RolloutStage(decimal Percent, TimeSpan MinDuration, StageGates Gates,
    BreachPolicy OnBreach = BreachPolicy.Rollback,
    ApprovalPolicy Approval = ApprovalPolicy.None,
    IReadOnlyList<string>? ConfirmUrls = null);
