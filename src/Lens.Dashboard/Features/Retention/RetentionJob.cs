using Quartz;

namespace Lens.Dashboard.Features.Retention;

/// <summary>Prunes history every Retention:Interval. A run already under way (started by hand) makes this fire a no-op.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionService retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await retention.TryRunAsync(cancellationToken);
}
