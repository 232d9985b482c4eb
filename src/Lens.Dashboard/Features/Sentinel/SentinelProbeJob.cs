using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Hosting;
using Quartz;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>
/// Wakes every Sentinel:TrippedInterval; the service decides from the clock whether a round is due. A person's "run
/// now" fires the same job with <see cref="RunNowKey"/>, so a requested round never overlaps a scheduled one.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SentinelProbeJob(SentinelService sentinel, LensEvents events, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<SentinelProbeJob> logger) : IJob
{
    public const string RunNowKey = "run-now";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Quartz waits for running jobs at shutdown without cancelling them; a round in flight stops when the app does.
        using var stopping = lifetime.UntilStopping(cancellationToken);
        cancellationToken = stopping.Token;
        if (!context.MergedJobDataMap.ContainsKey(RunNowKey))
        {
            await sentinel.RunIfDueAsync(cancellationToken);
            return;
        }
        try
        {
            await sentinel.RunRoundAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whoever asked is watching the page: tell it, or its button would wait for a round that never reports.
            logger.LogWarning(ex, "A requested probe round failed");
            events.Publish(new LensEvent(LensEvent.ProbeRoundFailed, clock.GetUtcNow(), Detail: ex.Message));
        }
    }

    /// <summary>Asks the scheduler for a round now; the page hears <see cref="LensEvent.ProbesRan"/> or <see cref="LensEvent.ProbeRoundFailed"/>.</summary>
    public static async Task RequestAsync(ISchedulerFactory schedulers, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(JobSchedule.KeyOf<SentinelProbeJob>(), new JobDataMap { [RunNowKey] = true }, ct);
    }
}
