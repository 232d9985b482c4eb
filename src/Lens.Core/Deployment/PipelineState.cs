namespace Lens.Core.Deployment;

public enum PipelineState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Aborted,
}
