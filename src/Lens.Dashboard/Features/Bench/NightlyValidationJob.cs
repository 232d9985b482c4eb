using Lens.Dashboard.Hosting;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// Fires on Nightly:Schedule (UTC), or at start-up for a night missed while down, and starts the night's validation:
/// its benches are recorded and queued for the bench worker, as for a manual run.
/// </summary>
public sealed class NightlyValidationJob(
    NightlyValidation validation,
    IDbContextFactory<LensDbContext> dbFactory,
    IOptions<NightlyOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<NightlyValidationJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Quartz waits for running jobs at shutdown without cancelling them. The benches themselves run in the bench
        // worker; one cut off by a shutdown is recorded as interrupted when the app starts again.
        using var stopping = lifetime.UntilStopping(cancellationToken);
        cancellationToken = stopping.Token;
        try
        {
            await validation.StartNightAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BenchRequestException or Lens.Core.Bench.TrecFormatException)
        {
            logger.LogError("Nightly validation could not run: {Problem}", ex.Message);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await NightlyCatchUp.MarkRanAsync(db, options.Value.Schedule, clock.GetUtcNow(), cancellationToken);
    }
}
