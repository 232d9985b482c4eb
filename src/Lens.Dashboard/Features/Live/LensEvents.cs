namespace Lens.Dashboard.Features.Live;

/// <summary>
/// The singleton notifier between jobs and endpoints (which change things) and Blazor circuits and the
/// SignalR relay (which show them). Handlers run on the publisher's thread, so they must only hand off:
/// components call InvokeAsync, the relay queues a send.
/// </summary>
public sealed class LensEvents(ILogger<LensEvents> logger)
{
    public event Action<LensEvent>? Published;

    public void Publish(LensEvent e)
    {
        var handlers = Published;
        if (handlers is null) return;
        foreach (Action<LensEvent> handler in handlers.GetInvocationList())
        {
            try { handler(e); }
            catch (Exception ex) { logger.LogWarning(ex, "A subscriber failed on {Kind}", e.Kind); }
        }
    }
}
