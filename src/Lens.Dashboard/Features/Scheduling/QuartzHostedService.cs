using System.Collections.Specialized;
using Quartz;
using Quartz.Impl;

namespace Lens.Dashboard.Features.Scheduling;

/// <summary>Starts an in-memory Quartz scheduler with the jobs features registered, and stops it with the app.</summary>
public sealed class QuartzHostedService(IServiceProvider services, IEnumerable<ScheduledJob> jobs, ILogger<QuartzHostedService> logger) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A unique name per host: Quartz keeps schedulers in a process-wide registry by name, and tests host several apps at once.
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = $"lens-{Guid.NewGuid():N}",
            ["quartz.threadPool.maxConcurrency"] = "4",
        };
        _scheduler = await new StdSchedulerFactory(properties).GetScheduler(cancellationToken);
        _scheduler.JobFactory = new ScopedJobFactory(services);
        foreach (var job in jobs)
        {
            var detail = JobBuilder.Create(job.JobType).WithIdentity(job.JobType.Name).Build();
            var trigger = job.Schedule(TriggerBuilder.Create().WithIdentity(job.JobType.Name + "-trigger")).Build();
            await _scheduler.ScheduleJob(detail, trigger, cancellationToken);
            logger.LogInformation("Scheduled {Job}", job.JobType.Name);
        }
        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null) await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }
}
