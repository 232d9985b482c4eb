using Lens.Dashboard.Hosting;
namespace Lens.Dashboard.Features.Bench;

/// <summary>Runs queued live benches one at a time, so two benches never compete for the endpoints they measure.</summary>
public sealed class BenchWorker(BenchQueue queue, BenchRunner runner, NightlyValidation nightly, IHostApplicationLifetime lifetime, ILogger<BenchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        // A night's benches cut off by a restart are queued again before anything new; other benches are reported interrupted.
        await nightly.ResumeCutOffAsync(stoppingToken);
        await runner.FailInterruptedAsync(stoppingToken);
        await foreach (var (runId, dataset) in queue.ReadAllAsync(stoppingToken))
        {
            queue.Began(runId);
            try
            {
                await runner.ExecuteLiveAsync(runId, dataset, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Bench {Run} failed unexpectedly", runId);
            }
            finally
            {
                queue.Ended();
            }
        }
    }
}
