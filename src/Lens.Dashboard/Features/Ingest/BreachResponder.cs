using Lens.Dashboard.Hosting;
using Lens.Dashboard.Features.Rollouts;

namespace Lens.Dashboard.Features.Ingest;

/// <summary>Judges a rollout as soon as ingest sees one of its gates break, whatever the scheduled interval is.</summary>
public sealed class BreachResponder(EvaluationTrigger trigger, RolloutEngine engine, IHostApplicationLifetime lifetime, ILogger<BreachResponder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        try
        {
            await foreach (var id in trigger.Requests.ReadAllAsync(stoppingToken))
            {
                trigger.Taken(id);
                try { await engine.EvaluateAsync(id, stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Immediate evaluation of {Id} failed", id); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
