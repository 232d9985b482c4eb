using Lens.Dashboard.Hosting;
namespace Lens.Dashboard.Features.Live;

/// <summary>
/// Publishes a heartbeat every few seconds so live pages refresh their clocks ("time in stage") and the
/// wall can prove its data is fresh: a wall that stops hearing it knows it is stale.
/// </summary>
public sealed class Heartbeat(LensEvents events, TimeProvider clock, IHostApplicationLifetime lifetime) : BackgroundService
{
    public const string Kind = "heartbeat";
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        // One-shot waits, not a periodic timer: a clock moved ten years ahead (a test's) would otherwise fire once per
        // skipped interval, 63 million times, where a page needs one heartbeat to know time moved.
        try
        {
            while (true)
            {
                await Task.Delay(Every, clock, stoppingToken);
                events.Publish(new LensEvent(Kind, clock.GetUtcNow()));
            }
        }
        catch (OperationCanceledException) { }
    }
}
