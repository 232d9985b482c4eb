namespace Lens.Core.Deployment;

/// <summary>The one way an illegal pipeline transition fails: the action, the state it met, and why.</summary>
public sealed class DeploymentTransitionException(DeploymentAction action, PipelineState state, string message) : InvalidOperationException(message)
{
    public DeploymentAction Action { get; } = action;
    public PipelineState State { get; } = state;
}
