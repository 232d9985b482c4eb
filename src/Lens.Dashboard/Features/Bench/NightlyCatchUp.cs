using Lens.Dashboard.Hosting;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// A nightly validation missed because the dashboard was down at its hour runs as soon as the dashboard is back.
/// The next fire time is stored after every run (and on a first start); a stored time already past at start-up is
/// a missed night, so the job is triggered at once, through the scheduler like any fire.
/// </summary>
public sealed class NightlyCatchUp(
    IDbContextFactory<LensDbContext> dbFactory,
    ISchedulerFactory schedulers,
    IOptions<NightlyOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<NightlyCatchUp> logger) : BackgroundService
{
    public const string Job = nameof(NightlyValidationJob);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        if (!await Started(stoppingToken)) return;
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var now = clock.GetUtcNow();
        var mark = await db.ScheduleMarks.FindAsync([Job], stoppingToken);
        if (mark is not null && mark.NextFireAt <= now)
        {
            logger.LogWarning("The nightly validation due at {Due:u} did not run (the dashboard was down); running it now", mark.NextFireAt);
            var scheduler = await schedulers.GetScheduler(stoppingToken);
            await scheduler.TriggerJob(new JobKey(Job), new JobDataMap(), stoppingToken);
            return;
        }
        if (mark is null)
        {
            db.ScheduleMarks.Add(ScheduleMark.For(Job, NextFire(options.Value.Schedule, now)));
            await db.SaveChangesAsync(stoppingToken);
        }
    }

    /// <summary>Called by the job after every run: the next fire is the one a restart must not miss.</summary>
    public static async Task MarkRanAsync(LensDbContext db, string schedule, DateTimeOffset now, CancellationToken ct)
    {
        var next = NextFire(schedule, now);
        var mark = await db.ScheduleMarks.FindAsync([Job], ct);
        if (mark is null) db.ScheduleMarks.Add(ScheduleMark.For(Job, next));
        else mark.MoveTo(next);
        await db.SaveChangesAsync(ct);
    }

    public static DateTimeOffset NextFire(string schedule, DateTimeOffset after)
    {
        var cron = CronExpression.Parse(schedule).WithTimeZone(TimeZoneInfo.Utc);
        return cron.GetNextValidTimeAfter(after) ?? DateTimeOffset.MaxValue;
    }

    private async Task<bool> Started(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = ct.Register(() => started.TrySetCanceled());
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }
}
