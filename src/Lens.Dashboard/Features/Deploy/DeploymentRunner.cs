using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Looks at running pipelines every Deploy:PollInterval on the app's clock. State lives in the database, so after a
/// restart the first tick picks every pipeline up where it was.
/// </summary>
public sealed class DeploymentRunner(DeploymentStepper stepper, IOptions<DeployOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<DeploymentRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunnerEnabled) return;
        // Probes and gates need the server listening; stepping before that would judge a service that is not there yet.
        try { await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ConfigureAwait(false); }
        catch (OperationCanceledException) when (lifetime.ApplicationStarted.IsCancellationRequested) { }
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        try
        {
            do
            {
                try { await stepper.StepAllAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Deployment runner tick failed"); }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
