using Quartz;

namespace Lens.Dashboard.Features.Scheduling;

/// <summary>How a feature puts its job on the scheduler: every so often, or on a cron expression in UTC.</summary>
public static class JobSchedule
{
    /// <summary>The key a job is registered under, for firing it by hand.</summary>
    public static JobKey KeyOf<TJob>() where TJob : IJob => new(typeof(TJob).Name);

    public static IServiceCollection ScheduleEvery<TJob>(this IServiceCollection services, Func<IServiceProvider, TimeSpan> interval,
        Func<IServiceProvider, TimeSpan>? firstAfter = null) where TJob : class, IJob
    {
        var name = typeof(TJob).Name;
        services.AddQuartz(q =>
        {
            q.AddJob<TJob>(j => j.WithIdentity(name).DisallowConcurrentExecution());
            q.AddTrigger((sp, t) =>
            {
                t.ForJob(name).WithIdentity(name + "-trigger");
                var delay = firstAfter?.Invoke(sp) ?? TimeSpan.Zero;
                if (delay > TimeSpan.Zero) t.StartAt(sp.GetRequiredService<TimeProvider>().GetUtcNow() + delay);
                else t.StartNow();
                t.WithSimpleSchedule(s => s.WithInterval(interval(sp)).RepeatForever());
            });
        });
        return services;
    }

    public static IServiceCollection ScheduleCron<TJob>(this IServiceCollection services, Func<IServiceProvider, string> cron) where TJob : class, IJob
    {
        var name = typeof(TJob).Name;
        services.AddQuartz(q =>
        {
            q.AddJob<TJob>(j => j.WithIdentity(name).DisallowConcurrentExecution());
            q.AddTrigger((sp, t) => t.ForJob(name).WithIdentity(name + "-trigger")
                .WithCronSchedule(cron(sp), c => c.InTimeZone(TimeZoneInfo.Utc)));
        });
        return services;
    }
}
