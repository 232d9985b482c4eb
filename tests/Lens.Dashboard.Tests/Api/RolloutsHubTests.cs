using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Api;

/// <summary>Speaks SignalR's JSON protocol over a raw WebSocket: the .NET SignalR client is not available here.</summary>
public sealed class RolloutsHubTests : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly LensAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Hub_BroadcastsTransitionsToOutsideClients()
    {
        var client = _app.CreateClient();
        await client.CreateReleaseAsync();
        var id = (string)(await client.CreateRolloutAsync(Requests.Rollout()))["id"]!;

        var ws = await _app.Server.CreateWebSocketClient().ConnectAsync(new Uri(_app.Server.BaseAddress, "hubs/rollouts"), CancellationToken.None);
        await SendAsync(ws, """{"protocol":"json","version":1}""");
        var handshake = await ReceiveAsync(ws);
        Assert.Equal("{}", handshake);

        await client.PostJsonAsync($"/api/rollouts/{id}/pause", Requests.Action(reason: "hub test"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var message = JsonNode.Parse(await ReceiveAsync(ws, timeout.Token))!;
            if ((int?)message["type"] != 1 || (string?)message["target"] != "lensEvent") continue;
            var e = message["arguments"]![0]!;
            if ((string?)e["kind"] != "rolloutChanged") continue;
            Assert.Equal(id, (string?)e["rolloutId"]);
            Assert.Equal("Pause", (string?)e["action"]);
            Assert.Equal("Paused", (string?)e["toState"]);
            Assert.Equal("hub test", (string?)e["reason"]);
            break;
        }
    }

    private static Task SendAsync(WebSocket ws, string json) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private readonly Queue<string> _pending = new();

    private async Task<string> ReceiveAsync(WebSocket ws, CancellationToken ct = default)
    {
        if (_pending.TryDequeue(out var queued)) return queued;
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, ct);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (result.EndOfMessage && text.Length > 0 && text[^1] == RecordSeparator) break;
        }
        // One frame may hold several messages.
        foreach (var message in text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)) _pending.Enqueue(message);
        return _pending.Dequeue();
    }
}
