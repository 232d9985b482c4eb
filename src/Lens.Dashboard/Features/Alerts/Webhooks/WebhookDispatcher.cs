using Lens.Dashboard.Hosting;
using System.Globalization;
using System.Text;
using Lens.Core.Alerts;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Alerts.Webhooks;

/// <summary>
/// Drains the outbox: each endpoint gets its events in order, signed, with the event id as idempotency key.
/// A message is marked delivered only after a 2xx; failures back off exponentially per message, and an
/// endpoint that fails stops its queue for this pass so order holds. Messages addressed to a URL of their own (a
/// deployment config's alert_webhooks) go there unsigned, with the same ids, order and backoff.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<LensDbContext> dbFactory,
    IHttpClientFactory httpFactory,
    WebhookOutbox outbox,
    IServiceProvider services,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        // Runs without configured endpoints too: deployment pipelines address their end-of-run summaries by URL.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Webhook delivery pass failed; retrying after the poll interval");
            }
            try { await outbox.WaitForWorkAsync(options.Value.PollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One pass over due messages. Returns how many it looked at.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Outbox
            .Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        var blocked = new HashSet<string>();
        var gaveUp = new List<OutboxMessage>();
        foreach (var message in due)
        {
            if (blocked.Contains(message.Endpoint)) continue;
            WebhookEndpointOptions? endpoint = null;
            if (message.Url is null && !o.Endpoints.TryGetValue(message.Endpoint, out endpoint))
            {
                message.GiveUp($"Endpoint '{message.Endpoint}' is no longer configured.", clock.GetUtcNow());
                gaveUp.Add(message);
                await db.SaveChangesAsync(ct);
                continue;
            }
            var error = await SendAsync(message, message.Url ?? endpoint!.Url, endpoint?.Secret, ct);
            var at = clock.GetUtcNow();
            if (error is null) message.Delivered(at);
            else
            {
                blocked.Add(message.Endpoint);
                message.Failed(error, at, o.InitialBackoff, o.MaxBackoff, o.GiveUpAfter);
                if (message.GaveUpAt is not null) gaveUp.Add(message);
                logger.LogWarning("Webhook {Event} to {Endpoint} failed (attempt {Attempt}): {Error}", message.EventId, message.Endpoint, message.Attempts, error);
            }
            // Saved per message: a delivery is never forgotten because a later one in the batch failed.
            await db.SaveChangesAsync(ct);
        }
        foreach (var message in gaveUp) await ReportGiveUpAsync(message, ct);
        return due.Count;
    }

    private async Task<string?> SendAsync(OutboxMessage message, string url, string? secret, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.EventHeader, message.Event);
        request.Headers.Add(WebhookSignature.IdempotencyHeader, message.EventId.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        if (secret is not null) request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, message.Payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }

    private async Task ReportGiveUpAsync(OutboxMessage message, CancellationToken ct)
    {
        // Resolved lazily: the alert service itself depends on the outbox.
        var alerts = services.GetRequiredService<AlertService>();
        await alerts.RaiseAsync(new AlertSignal($"webhook:{message.Endpoint}:undelivered", AlertSeverity.Warn, AlertSource.Webhook,
            $"Webhook endpoint '{message.Endpoint}' missed an event",
            $"Gave up on {message.Event} ({message.EventId}) after {message.Attempts} attempts: {message.LastError}"), ct);
    }
}
