using Quartz;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>Judges every running rollout on the Analysis:Interval cadence.</summary>
[DisallowConcurrentExecution]
public sealed class RolloutEvaluationJob(RolloutEngine engine) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await engine.EvaluateRunningAsync(cancellationToken);
}
