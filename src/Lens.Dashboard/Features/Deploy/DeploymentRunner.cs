using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Steps running pipelines every Deploy:PollInterval on the app's clock, and sleeps while none runs until a start wakes
/// it. State lives in the database, so after a restart the first pass picks every pipeline up where it was.
/// </summary>
/// <remarks>
/// One-shot waits rather than a periodic timer: a periodic timer on a clock moved a day ahead fires once per interval
/// it skipped (86,400 passes for a day at 1 s), where a one-shot wait fires once.
/// </remarks>
public sealed class DeploymentRunner(DeploymentStepper stepper, DeploymentService deployments, IOptions<DeployOptions> options, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<DeploymentRunner> logger) : BackgroundService
{
    // While nothing runs the runner waits for a start; this is only a backstop for a start it did not hear of.
    public static readonly TimeSpan IdleRecheck = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunnerEnabled) return;
        // Probes and gates need the server listening; stepping before that would judge a service that is not there yet.
        try { await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ConfigureAwait(false); }
        catch (OperationCanceledException) when (lifetime.ApplicationStarted.IsCancellationRequested) { }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var running = 1;
                try { running = await stepper.StepAllAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Deployment runner pass failed"); }
                await deployments.Started.WaitAsync(running > 0 ? options.Value.PollInterval : IdleRecheck, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
