namespace Lens.Core.Rollouts;

/// <summary>What a stage does when a gate breaches: roll back, or first return to the previous stage's share.</summary>
public enum BreachPolicy
{
    Rollback,
    /// <summary>The runbook's "reduce traffic to the previous safe level": the first breach steps back a stage, a second one rolls back.</summary>
    StepBack,
}
