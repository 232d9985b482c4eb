namespace Lens.Core.Bench;

public enum BenchRunStatus
{
    Running,
    Completed,
    Failed,
}
