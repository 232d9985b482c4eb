using System.Text.Json;
using Lens.Core.Alerts;
using Lens.Dashboard.Hosting;
using Lens.Dashboard.Persistence;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Alerts.Webhooks;

/// <summary>Adds an alert event for every endpoint that wants it to the caller's unit of work, so it is saved with the change.</summary>
public sealed class WebhookOutbox(IOptions<WebhookOptions> options)
{
    private readonly AsyncAutoResetSignal _wake = new();

    public Task WaitForWorkAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct) => _wake.WaitAsync(timeout, clock, ct);

    /// <summary>Called after the unit of work is saved, so the dispatcher does not wait out its poll interval.</summary>
    public void Wake() => _wake.Set();

    /// <summary>
    /// Adds one event for each of <paramref name="urls"/> to the caller's unit of work, sent as it is and unsigned (the
    /// addresses come with the event, not from Webhooks:Endpoints, so there is no secret).
    /// </summary>
    public static void EnqueueToUrls(LensDbContext db, IEnumerable<string> urls, string @event, string payload, DateTimeOffset now)
    {
        var eventId = Guid.NewGuid();
        foreach (var url in urls.Distinct(StringComparer.Ordinal)) db.Outbox.Add(OutboxMessage.ForUrl(eventId, url, @event, payload, now));
    }

    public int Enqueue(LensDbContext db, Alert alert, AlertChange change, DateTimeOffset now)
    {
        var o = options.Value;
        var targets = o.Endpoints.Where(e => alert.Severity >= e.Value.MinSeverity).Select(e => e.Key).ToArray();
        if (targets.Length == 0) return 0;
        var eventId = Guid.NewGuid();
        var name = "alert." + change.ToString().ToLowerInvariant();
        var (actor, reason) = change switch
        {
            AlertChange.Acknowledged => (alert.AcknowledgedBy, alert.AcknowledgeReason),
            AlertChange.Resolved => (alert.ResolvedBy, alert.ResolveReason),
            _ => (null, null),
        };
        var payload = new WebhookPayload(eventId, name, now, alert.Severity.ToString().ToUpperInvariant(),
            new WebhookAlert(alert.Id, alert.Key, alert.Source.ToString(), alert.State.ToString(), alert.Title, alert.Detail, alert.Count, actor, reason),
            alert.Release, alert.RolloutId, alert.Stage, alert.Gates,
            $"{o.DashboardUrl.TrimEnd('/')}/alerts/{alert.Id}");
        var json = JsonSerializer.Serialize(payload, LensJson.Options);
        foreach (var endpoint in targets) db.Outbox.Add(OutboxMessage.For(eventId, endpoint, name, json, now));
        return targets.Length;
    }
}
