using Lens.Dashboard.Hosting;
namespace Lens.Dashboard.Features.Bench;

/// <summary>Runs queued live benches one at a time, so two benches never compete for the endpoints they measure.</summary>
public sealed class BenchWorker(BenchQueue queue, BenchRunner runner, IHostApplicationLifetime lifetime, ILogger<BenchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        await runner.FailInterruptedAsync(stoppingToken);
        await foreach (var (runId, dataset) in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.ExecuteLiveAsync(runId, dataset, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Bench {Run} failed unexpectedly", runId);
            }
        }
    }
}
