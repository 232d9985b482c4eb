namespace Lens.Dashboard.Features.Live;

/// <summary>
/// The singleton notifier between jobs and endpoints (which change things) and Blazor circuits and the
/// SignalR relay (which show them). Handlers run on the publisher's thread, so they must only hand off:
/// components call InvokeAsync, the relay queues a send.
/// </summary>
public sealed class LensEvents(ILogger<LensEvents> logger)
{
    private long _sequence;

    public event Action<LensEvent>? Published;

    /// <summary>
    /// How many events have been published. It rises before any handler hears of an event, so a read that starts at
    /// sequence N sees every change announced up to N: shared snapshots are keyed by it.
    /// </summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    public void Publish(LensEvent e)
    {
        Interlocked.Increment(ref _sequence);
        var handlers = Published;
        if (handlers is null) return;
        foreach (Action<LensEvent> handler in handlers.GetInvocationList())
        {
            try { handler(e); }
            catch (Exception ex) { logger.LogWarning(ex, "A subscriber failed on {Kind}", e.Kind); }
        }
    }
}
