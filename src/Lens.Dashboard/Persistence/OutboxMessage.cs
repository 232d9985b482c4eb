namespace Lens.Dashboard.Persistence;

/// <summary>
/// One webhook delivery owed to one endpoint, saved in the same transaction as the change it reports, so a
/// restart or a receiver that is down loses nothing. <see cref="EventId"/> is the idempotency key the
/// receiver sees; it is the same for every endpoint that gets the event. A message with a <see cref="Url"/> goes to that
/// address rather than to a configured endpoint (a deployment config's alert_webhooks); its <see cref="Endpoint"/> is the
/// URL too, so each such receiver keeps its own order and backoff.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public long Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Endpoint { get; private set; } = "";
    /// <summary>Null: <see cref="Endpoint"/> names a configured endpoint (its URL and secret come from Webhooks:Endpoints).</summary>
    public string? Url { get; private set; }
    public string Event { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? GaveUpAt { get; private set; }
    public string? LastError { get; private set; }

    public bool IsPending => DeliveredAt is null && GaveUpAt is null;

    public static OutboxMessage For(Guid eventId, string endpoint, string @event, string payload, DateTimeOffset now) => new()
    {
        EventId = eventId,
        Endpoint = endpoint,
        Event = @event,
        Payload = payload,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>A delivery to an address given with the event rather than configured: sent unsigned, as there is no shared secret.</summary>
    public static OutboxMessage ForUrl(Guid eventId, string url, string @event, string payload, DateTimeOffset now)
    {
        var message = For(eventId, url, @event, payload, now);
        message.Url = url;
        return message;
    }

    public void Delivered(DateTimeOffset now)
    {
        Attempts++;
        DeliveredAt = now;
        LastError = null;
    }

    /// <summary>Stops trying at once, for a message that can never be delivered (its endpoint is gone).</summary>
    public void GiveUp(string reason, DateTimeOffset now)
    {
        LastError = reason;
        GaveUpAt = now;
    }

    /// <summary>Schedules the next try with exponential backoff, or gives up once the message is older than <paramref name="giveUpAfter"/>.</summary>
    public void Failed(string error, DateTimeOffset now, TimeSpan initialBackoff, TimeSpan maxBackoff, TimeSpan giveUpAfter)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (now - CreatedAt >= giveUpAfter)
        {
            GiveUp(LastError, now);
            return;
        }
        var factor = Math.Pow(2, Math.Min(Attempts - 1, 30));
        NextAttemptAt = now + TimeSpan.FromTicks((long)Math.Min(initialBackoff.Ticks * factor, maxBackoff.Ticks));
    }
}
