using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lens.Dashboard.Features.Alerts.Webhooks;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.OnCall;

public sealed class WebhookDeliveryTests : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const string Secret = "test-secret-0123456789";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-webhooks-");
    private readonly ConcurrentQueue<Delivery> _received = new();

    private sealed record Delivery(string Key, string Event, bool SignatureValid, JsonNode Body);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private LocalHttpServer Receiver() => new(async context =>
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var valid = WebhookSignature.Verify(Secret, context.Request.Headers[WebhookSignature.TimestampHeader].ToString(), body,
            context.Request.Headers[WebhookSignature.SignatureHeader].ToString());
        _received.Enqueue(new Delivery(context.Request.Headers[WebhookSignature.IdempotencyHeader].ToString(),
            context.Request.Headers[WebhookSignature.EventHeader].ToString(), valid, JsonNode.Parse(body)!));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    });

    private static Dictionary<string, string?> Settings(LocalHttpServer receiver) => new()
    {
        ["Webhooks:Endpoints:oncall:Url"] = receiver.Url("/hooks/lens"),
        ["Webhooks:Endpoints:oncall:Secret"] = Secret,
        ["Webhooks:PollInterval"] = PollInterval.ToString(),
        ["Webhooks:InitialBackoff"] = "00:00:02",
        ["Webhooks:DashboardUrl"] = "https://lens.example.test",
    };

    [Fact]
    public async Task Outbox_ReceiverDownAcrossARestart_DeliversEveryEventExactlyOnceWithValidSignature()
    {
        await using var receiver = Receiver();
        var clock = TestClock.StartingAt2026();
        var settings = Settings(receiver);

        using (var before = new LensAppFactory(_folder.FullName, clock, settings: settings))
        {
            var client = before.CreateClient();
            var first = await RaiseAsync(client, "CRITICAL", "Index shards unreachable");
            using var dana = await SignedInClient.CreateAsync(before, "dana", ["oncall"]);
            (await dana.PostJsonAsync("/api/killswitch", new { name = "manual_emergency", active = true, reason = "bad deploy" })).EnsureSuccessStatusCode();
            (await dana.PostJsonAsync($"/api/alerts/{first}/acknowledge", new { reason = "looking" })).EnsureSuccessStatusCode();
            // Down: every event is tried once and fails. Each pass stops at the endpoint's first failure (order holds), so
            // the later events wait for the next poll; a second of fake time is well inside the 2 s backoff.
            await HttpTestExtensions.AdvanceUntilAsync(clock, PollInterval, TimeSpan.FromSeconds(1), () => OutboxAsync(before),
                rows => rows.Count == 3 && rows.All(r => r.Attempts == 1 && r.DeliveredAt is null), "each event attempted once while the receiver is down");
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        using var after = new LensAppFactory(_folder.FullName, clock, settings: settings);
        var restarted = after.CreateClient();
        await HttpTestExtensions.AdvanceUntilAsync(clock, PollInterval, TimeSpan.FromSeconds(1), () => OutboxAsync(after), rows => rows.All(r => r.Attempts == 2),
            "the restarted dashboard retrying what the first one could not deliver");
        Assert.Empty(_received);

        await receiver.StartAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        // Delivery is in order per endpoint, so once this later event arrives every earlier one has been settled.
        var marker = await RaiseAsync(restarted, "WARN", "Marker after recovery");
        await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(_received.ToArray()), r => r.Any(d => (string?)d.Body["alert"]!["id"] == marker),
            TimeSpan.FromSeconds(10), "the marker event delivered");

        // The receiver answers before the dispatcher records the delivery; wait for the record.
        var outbox = await HttpTestExtensions.EventuallyAsync(() => OutboxAsync(after), rows => rows.All(m => m.DeliveredAt is not null),
            TimeSpan.FromSeconds(5), "every delivery recorded");
        Assert.Equal(4, outbox.Count);
        var deliveries = _received.ToArray();
        Assert.Equal(outbox.Select(m => m.EventId.ToString()).Order(), deliveries.Select(d => d.Key).Order());
        Assert.All(deliveries, d => Assert.True(d.SignatureValid, $"signature of {d.Event}"));
        Assert.Equal(["alert.raised", "alert.raised", "alert.acknowledged", "alert.raised"], deliveries.Select(d => d.Event));
        Assert.All(deliveries, d => Assert.Equal(d.Key, (string?)d.Body["id"]));
        var killSwitch = deliveries[1].Body;
        Assert.Equal("CRITICAL", (string?)killSwitch["severity"]);
        Assert.Equal("killswitch:manual_emergency", (string?)killSwitch["alert"]!["key"]);
        Assert.StartsWith("https://lens.example.test/alerts/", (string?)killSwitch["link"]);
        Assert.Equal("dana", (string?)deliveries[2].Body["alert"]!["actor"]);
    }

    [Fact]
    public async Task Outbox_RepeatOfAnOpenCondition_IsCountedNotSentAgain()
    {
        await using var receiver = Receiver();
        await receiver.StartAsync();
        using var app = new LensAppFactory(_folder.FullName, settings: Settings(receiver));
        var client = app.CreateClient();
        var id = await RaiseAsync(client, "HIGH", "Disk filling", key: "disk:shard-7");
        var again = await RaiseAsync(client, "HIGH", "Disk filling", key: "disk:shard-7");
        Assert.Equal(id, again);
        var marker = await RaiseAsync(client, "INFO", "Marker");
        await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(_received.ToArray()), r => r.Any(d => (string?)d.Body["alert"]!["id"] == marker),
            TimeSpan.FromSeconds(10), "the marker event delivered");
        Assert.Single(_received, d => (string?)d.Body["alert"]!["id"] == id);
        Assert.Equal(2, (int?)(await (await client.GetAsync($"/api/alerts/{id}")).JsonAsync())["count"]);
    }

    private static async Task<string> RaiseAsync(HttpClient client, string severity, string title, string? key = null)
    {
        var response = await client.PostAsJsonAsync("/api/alerts", new { severity, title, actor = "test", key });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (string)(await response.JsonAsync())["id"]!;
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(LensAppFactory app)
    {
        await using var db = await app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Attempt_ReceiverNeverAnswers_TimesOutAndDoesNotDelayShutdown()
    {
        // A receiver that accepts connections and never answers.
        using var blackHole = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blackHole.Start();
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:hang:Url"] = $"http://127.0.0.1:{((System.Net.IPEndPoint)blackHole.LocalEndpoint).Port}/hook",
            ["Webhooks:Endpoints:hang:Secret"] = Secret,
            ["Webhooks:Timeout"] = "00:00:01",
        };
        var app = new LensAppFactory(_folder.FullName, settings: settings);
        try
        {
            await RaiseAsync(app.CreateClient(), "HIGH", "Receiver hangs");
            var rows = await HttpTestExtensions.EventuallyAsync(() => OutboxAsync(app), r => r.Count == 1 && r[0].Attempts == 1,
                TimeSpan.FromSeconds(10), "the attempt given up after the timeout");
            Assert.Equal("no answer within 1 s", rows[0].LastError);
            Assert.Null(rows[0].DeliveredAt);

            // A second event is now in flight against the silent receiver when the app stops.
            await RaiseAsync(app.CreateClient(), "HIGH", "In flight at shutdown");
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            app.Dispose();
            // Shutdown is bounded at 4 s (HostingSetup.ShutdownTimeout): an attempt that held it up would show as 4 s or more.
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {stopping.Elapsed}");
        }
        finally
        {
            app.Dispose();
        }
    }
}
