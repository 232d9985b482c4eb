using Lens.Dashboard.Hosting;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Fires on Nightly:Schedule (UTC), or at start-up for a night missed while down, and runs the night's validation.</summary>
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
        // Quartz waits for running jobs at shutdown without cancelling them: a night's benches stop when the app does
        // (the night is not marked as run, so it runs again after the restart).
        using var stopping = lifetime.UntilStopping(cancellationToken);
        cancellationToken = stopping.Token;
        try
        {
            await validation.RunNightAsync(cancellationToken);
        }
        catch (BenchRequestException ex)
        {
            logger.LogError("Nightly validation could not run: {Problem}", ex.Message);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await NightlyCatchUp.MarkRanAsync(db, options.Value.Schedule, clock.GetUtcNow(), cancellationToken);
    }
}
