using Quartz;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>Wakes every Sentinel:TrippedInterval; the service decides from the clock whether a round is due.</summary>
[DisallowConcurrentExecution]
public sealed class SentinelProbeJob(SentinelService sentinel) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await sentinel.RunIfDueAsync(cancellationToken);
}
