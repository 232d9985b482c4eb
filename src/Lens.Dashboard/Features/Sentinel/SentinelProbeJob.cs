using Quartz;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>Wakes every Sentinel:TrippedInterval; the service decides from the clock whether a round is due.</summary>
[DisallowConcurrentExecution]
public sealed class SentinelProbeJob(SentinelService sentinel) : IJob
{
    public async Task Execute(IJobExecutionContext context) => await sentinel.RunIfDueAsync(context.CancellationToken);
}
