namespace Lens.Dashboard.Features.Flags;

/// <summary>
/// Stores kill switch changes in the order they were made, retrying while the database refuses writes, so a change is
/// durable within moments of writes resuming. On shutdown it keeps trying for a bounded time before giving up loudly.
/// </summary>
public sealed class KillSwitchWriter(KillSwitchService killSwitches, ILogger<KillSwitchWriter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2.5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await killSwitches.WaitForWorkAsync(stoppingToken);
                await DrainAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (killSwitches.Pending.Count == 0) return;
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(ShutdownGrace);
        try { await DrainAsync(grace.Token); }
        catch (OperationCanceledException) { }
        foreach (var lost in killSwitches.Pending)
            logger.LogCritical("Kill switch {Name} {Change} by {Actor} at {At} was never stored: the database refused writes until shutdown.",
                lost.Name, lost.Active ? "activation" : "deactivation", lost.Actor, lost.At);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                if (!await killSwitches.StoreNextAsync(ct)) return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Kill switch change not stored yet ({Reason}); retrying.", ex.GetBaseException().Message);
                await Task.Delay(RetryEvery, ct);
            }
        }
    }
}
