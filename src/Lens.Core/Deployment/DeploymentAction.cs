namespace Lens.Core.Deployment;

public enum DeploymentAction
{
    Start,
    CompletePhase,
    FailPhase,
    Abort,
    RecordGate,
    AttachRollout,
    Wait,
}
