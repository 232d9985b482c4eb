using Quartz;

namespace Lens.Dashboard.Features.Scheduling;

public static class SchedulingSetup
{
    /// <summary>
    /// One in-memory Quartz scheduler for every feature's jobs. Features add their own jobs with
    /// <see cref="JobSchedule"/>; AddQuartz is additive, so each call adds to this one scheduler.
    /// </summary>
    /// <remarks>
    /// The store is in memory on purpose. The analysis job fires every few seconds, and a persistent store writes its
    /// trigger rows on every fire, competing with ingest for SQLite's one writer. The only job whose missed fire
    /// matters is the nightly validation, and it catches up by itself at start-up (see NightlyCatchUp).
    /// </remarks>
    public static WebApplicationBuilder AddLensScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddQuartz(q =>
        {
            // Quartz keeps schedulers in a process-wide registry by name, and tests host several apps at once.
            q.ConfigureScheduler(s => s.InstanceName = $"lens-{Guid.NewGuid():N}");
            q.UseDefaultThreadPool(4);
            q.UseInMemoryStore();
        });
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        return builder;
    }
}
