using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Lens.Core.Deployment;
using Lens.Dashboard.Features.Alerts.Webhooks;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Deploy;

/// <summary>
/// monitoring_config.alert_webhooks: an ended pipeline's summary goes to every URL of its config through the webhook
/// outbox, so a receiver that is down gets it once it is back.
/// </summary>
public sealed class DeploymentAlertWebhooksTests : IAsyncLifetime
{
    private const string Site = "https://lens.example.test";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Receiver _first = new();
    private readonly Receiver _second = new();
    private Pipelines _deploy = default!;

    public async ValueTask InitializeAsync()
    {
        await _first.Server.StartAsync();
        _deploy = new Pipelines(new Dictionary<string, string?>
        {
            ["Webhooks:PollInterval"] = PollInterval.ToString(),
            ["Webhooks:InitialBackoff"] = "00:00:02",
            ["Webhooks:DashboardUrl"] = Site,
        });
    }

    public async ValueTask DisposeAsync()
    {
        _deploy.Dispose();
        await _first.Server.DisposeAsync();
        await _second.Server.DisposeAsync();
    }

    private object Config(string version = "1.2.3") => new
    {
        version,
        config = new { monitoring_config = new { alert_webhooks = new[] { _first.Server.Url("/hooks/a"), _second.Server.Url("/hooks/b") } } },
    };

    [Fact]
    public async Task Abort_PipelineWithTwoAlertWebhooks_PostsOneSummaryToEach()
    {
        await _second.Server.StartAsync();
        var id = await _deploy.StartAsync(Config());

        await _deploy.AbortAsync(id, "bad canary");

        await _deploy.DeliveredAsync(2);
        var first = Assert.Single(_first.Received);
        var second = Assert.Single(_second.Received);
        Assert.Equal("/hooks/a", first.Path);
        Assert.Equal("/hooks/b", second.Path);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(first.Body.ToJsonString(), second.Body.ToJsonString());
        Assert.Equal("deployment.aborted", first.Event);
        Assert.False(first.Signed);
        var body = first.Body;
        Assert.Equal(id.ToString(), (string?)body["id"]);
        Assert.Equal("deployment.aborted", (string?)body["event"]);
        Assert.Equal("1.2.3", (string?)body["version"]);
        Assert.Equal(DeployTestBase.Flag, (string?)body["flag"]);
        Assert.Equal("Aborted", (string?)body["state"]);
        Assert.Equal("Aborted by token:test-admin: bad canary", (string?)body["cause"]);
        Assert.Equal($"{Site}/deploy/{id}", (string?)body["link"]);
        var failureReport = (string?)body["reports"]!["failure"];
        Assert.Equal($"{Site}/deploy/{id}/reports/failure_report_{id}.json", failureReport);
        // The link names a report that exists once the abort is done.
        Assert.True((await _deploy.Client().GetAsync(new Uri(failureReport!).PathAndQuery)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Fail_ReceiverDownAtFirst_GetsTheSummaryOnceAfterItComesBack()
    {
        var id = await _deploy.StartAsync(Config());

        // No bench for this version and none can run: the pipeline fails at the final bench.
        await _deploy.DriveToAsync(id, null);
        Assert.Equal(PipelineState.Failed, (await _deploy.PipelineAsync(id)).State);
        await HttpTestExtensions.AdvanceUntilAsync(_deploy.Clock, PollInterval, TimeSpan.FromSeconds(1), _deploy.OutboxAsync,
            rows => rows.Count == 2 && rows.Single(r => r.Url == _second.Server.Url("/hooks/b")) is { Attempts: >= 1, DeliveredAt: null },
            "the delivery to the receiver that is down attempted and not delivered");
        Assert.Single(_first.Received);
        Assert.Empty(_second.Received);

        await _second.Server.StartAsync();
        await HttpTestExtensions.AdvanceUntilAsync(_deploy.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), _deploy.OutboxAsync,
            rows => rows.All(r => r.DeliveredAt is not null), "the retry delivered after the receiver came back");

        var late = Assert.Single(_second.Received);
        Assert.Single(_first.Received);
        Assert.Equal("deployment.failed", late.Event);
        Assert.Equal("Failed", (string?)late.Body["state"]);
        Assert.Equal(id.ToString(), (string?)late.Body["id"]);
        Assert.Contains("bench", (string?)late.Body["cause"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{Site}/deploy/{id}/reports/failure_report_{id}.json", (string?)late.Body["reports"]!["failure"]);
        Assert.Equal(_first.Received.Single().Key, late.Key);
    }

    [Fact]
    public async Task Succeed_PipelineWithAlertWebhooks_PostsCompletionReportLinks()
    {
        await _second.Server.StartAsync();
        // Forced past the gates this app cannot pass (no sentinel, no calibration fit); every phase still runs.
        var id = await _deploy.StartAsync(new
        {
            version = "1.2.3", skipBench = true, force = true, reason = "test app has no sentinel",
            config = new { canary_config = new { accelerated_rollout = true }, monitoring_config = new { alert_webhooks = new[] { _first.Server.Url("/hooks/a") } } },
        });

        await _deploy.DriveToAsync(id, null);

        Assert.Equal(PipelineState.Succeeded, (await _deploy.PipelineAsync(id)).State);
        await _deploy.DeliveredAsync(1);
        var delivery = Assert.Single(_first.Received);
        Assert.Equal("deployment.succeeded", delivery.Event);
        Assert.Equal("Succeeded", (string?)delivery.Body["state"]);
        Assert.Null((string?)delivery.Body["cause"]);
        Assert.Equal($"{Site}/deploy/{id}/reports/completion_report_{id}.md", (string?)delivery.Body["reports"]!["completionMarkdown"]);
        Assert.Equal($"{Site}/deploy/{id}/reports/completion_report_{id}.json", (string?)delivery.Body["reports"]!["completionJson"]);
        Assert.Empty(_second.Received);
    }

    private sealed record Delivery(string Path, string Key, string Event, bool Signed, JsonNode Body);

    /// <summary>A real webhook receiver on loopback that answers 204 and remembers what it got.</summary>
    private sealed class Receiver
    {
        public ConcurrentQueue<Delivery> Received { get; } = new();

        public Receiver() => Server = new LocalHttpServer(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            Received.Enqueue(new Delivery(context.Request.Path, context.Request.Headers[WebhookSignature.IdempotencyHeader].ToString(),
                context.Request.Headers[WebhookSignature.EventHeader].ToString(), context.Request.Headers.ContainsKey(WebhookSignature.SignatureHeader),
                JsonNode.Parse(body)!));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        public LocalHttpServer Server { get; }
    }

    private sealed class Pipelines(IReadOnlyDictionary<string, string?> settings) : DeployTestBase(settings: settings)
    {
        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => App.Clock;

        public HttpClient Client() => base.Client;

        public new Task<Guid> StartAsync(object body) => base.StartAsync(body);

        public new Task DriveToAsync(Guid id, DeploymentPhase? phase, int maxSteps = 200) => base.DriveToAsync(id, phase, maxSteps);

        public new Task<DeploymentPipeline> PipelineAsync(Guid id) => base.PipelineAsync(id);

        public async Task AbortAsync(Guid id, string reason)
        {
            var response = await base.Client.PostJsonAsync("/deploy/abort", new { id, reason });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<List<OutboxMessage>> OutboxAsync()
        {
            await using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
            return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        }

        /// <summary>Waits until the outbox holds exactly <paramref name="count"/> deliveries and every one is recorded delivered.</summary>
        public Task<List<OutboxMessage>> DeliveredAsync(int count) =>
            HttpTestExtensions.EventuallyAsync(OutboxAsync, rows => rows.Count == count && rows.All(r => r.DeliveredAt is not null),
                TimeSpan.FromSeconds(10), $"{count} deliveries recorded");
    }
}
