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
    /// <summary>A lead returns traffic to the previous stage's share.</summary>
    StepBack,
    /// <summary>A breach under a step-back policy: the engine returns traffic to the previous stage's share.</summary>
    AutoStepBack,
    /// <summary>A lead approves the current stage's advance (the stage asked for it).</summary>
    Approve,
}
