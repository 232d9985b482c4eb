using Lens.Dashboard.Hosting;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Lens.Dashboard.Features.Live;

/// <summary>Forwards every domain event to SignalR clients of /hubs/rollouts, off the publisher's thread.</summary>
public sealed class HubRelay(LensEvents events, IHubContext<RolloutsHub> hub, IHostApplicationLifetime lifetime, ILogger<HubRelay> logger) : BackgroundService
{
    private readonly Channel<LensEvent> _queue = Channel.CreateBounded<LensEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        void Enqueue(LensEvent e) => _queue.Writer.TryWrite(e);
        events.Published += Enqueue;
        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.All.SendAsync("lensEvent", new
                    {
                        kind = e.Kind, at = e.At, rolloutId = e.RolloutId, flag = e.Flag, detail = e.Detail,
                        action = e.Transition?.Action.ToString(), fromState = e.Transition?.FromState.ToString(),
                        toState = e.Transition?.ToState.ToString(), toStage = e.Transition?.ToStage, reason = e.Transition?.Reason,
                        verdicts = e.Transition?.Verdicts,
                    }, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Hub send failed"); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            events.Published -= Enqueue;
        }
    }
}
