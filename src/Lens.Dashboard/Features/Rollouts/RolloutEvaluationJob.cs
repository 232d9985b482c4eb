using Quartz;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>Judges every running rollout on the Analysis:Interval cadence.</summary>
[DisallowConcurrentExecution]
public sealed class RolloutEvaluationJob(RolloutEngine engine) : IJob
{
    public Task Execute(IJobExecutionContext context) => engine.EvaluateRunningAsync(context.CancellationToken);
}
