namespace Lens.Core.Rollouts;

/// <summary>Every way a rollout changes state. The Auto* actions are taken by the engine, the rest by people.</summary>
public enum RolloutAction
{
    Start,
    Promote,
    Pause,
    Resume,
    Rollback,
    Abort,
    AutoAdvance,
    AutoPromote,
    AutoRollback,
    /// <summary>The engine hands the decision to a person: a gate stayed inconclusive for the stage's InconclusiveLimit.</summary>
    AutoPause,
}
