using Quartz;
using Quartz.Spi;

namespace Lens.Dashboard.Features.Scheduling;

/// <summary>Quartz.Extensions.DependencyInjection is missing here, so jobs are resolved from a DI scope by hand.</summary>
public sealed class ScopedJobFactory(IServiceProvider services) : IJobFactory
{
    private readonly Dictionary<IJob, IServiceScope> _scopes = new(ReferenceEqualityComparer.Instance);

    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler)
    {
        var scope = services.CreateScope();
        var job = (IJob)scope.ServiceProvider.GetRequiredService(bundle.JobDetail.JobType);
        lock (_scopes) _scopes[job] = scope;
        return job;
    }

    public void ReturnJob(IJob job)
    {
        IServiceScope? scope;
        lock (_scopes) _scopes.Remove(job, out scope);
        scope?.Dispose();
    }
}
