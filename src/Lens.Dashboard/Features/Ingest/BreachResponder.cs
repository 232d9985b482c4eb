using Lens.Dashboard.Features.Rollouts;

namespace Lens.Dashboard.Features.Ingest;

/// <summary>Judges a rollout as soon as ingest sees one of its gates break, whatever the scheduled interval is.</summary>
public sealed class BreachResponder(EvaluationTrigger trigger, RolloutEngine engine, ILogger<BreachResponder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
