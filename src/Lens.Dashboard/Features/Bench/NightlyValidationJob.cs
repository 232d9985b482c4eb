using Quartz;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Fires on Nightly:Schedule (UTC) and runs the night's validation.</summary>
[DisallowConcurrentExecution]
public sealed class NightlyValidationJob(NightlyValidation validation, ILogger<NightlyValidationJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await validation.RunNightAsync(cancellationToken);
        }
        catch (BenchRequestException ex)
        {
            logger.LogError("Nightly validation could not run: {Problem}", ex.Message);
        }
    }
}
