using System.Text.Json;
using Lens.Core.Deployment;
using Lens.Dashboard.Features.Alerts.Webhooks;
using Lens.Dashboard.Persistence;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Tells a pipeline's monitoring_config.alert_webhooks that it ended (succeeded, failed or aborted). The deliveries join
/// the unit of work that saves the end, so they are kept exactly when the end is; the webhook dispatcher sends them
/// with backoff until each receiver answers 2xx.
/// </summary>
public sealed class DeploymentEndWebhooks(WebhookOutbox outbox, IOptions<WebhookOptions> webhookOptions)
{
    /// <summary>Adds one delivery per URL to <paramref name="db"/>; call before saving the pipeline's end. Nothing for a pipeline still running or without URLs.</summary>
    public void Enqueue(LensDbContext db, DeploymentPipeline pipeline, DateTimeOffset now)
    {
        var urls = pipeline.Request.Config.Monitoring.AlertWebhooks;
        if (!pipeline.IsTerminal || urls.Count == 0) return;
        var name = EventName(pipeline.State);
        WebhookOutbox.EnqueueToUrls(db, urls, name, JsonSerializer.Serialize(Payload(pipeline, name), LensJson.Options), now);
    }

    /// <summary>Called once the end is saved, so the dispatcher sends now instead of at its next poll.</summary>
    public void Wake() => outbox.Wake();

    public static string EventName(PipelineState state) => "deployment." + state.ToString().ToLowerInvariant();

    private DeploymentEndedPayload Payload(DeploymentPipeline pipeline, string name)
    {
        var site = webhookOptions.Value.DashboardUrl.TrimEnd('/');
        var reports = DeploymentReports.PathsFor(pipeline).ToDictionary(r => r.Key, r => site + r.Value);
        return new DeploymentEndedPayload(pipeline.Id, name, pipeline.Version, pipeline.Flag, pipeline.State.ToString(), pipeline.Cause,
            pipeline.CreatedAt, pipeline.EndedAt, $"{site}/deploy/{pipeline.Id}", reports);
    }
}
