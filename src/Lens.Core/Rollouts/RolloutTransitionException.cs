namespace Lens.Core.Rollouts;

/// <summary>The one way an illegal or stale transition fails: the action, the state it met, and why.</summary>
public sealed class RolloutTransitionException(RolloutAction action, RolloutState state, string message)
    : InvalidOperationException(message)
{
    public RolloutAction Action { get; } = action;
    public RolloutState State { get; } = state;
}
