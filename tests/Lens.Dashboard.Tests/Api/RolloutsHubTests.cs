using System.Text.Json;
using System.Threading.Channels;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Lens.Dashboard.Tests.Api;

/// <summary>An outside client on the hub, through the .NET SignalR client, hears every transition.</summary>
public sealed class RolloutsHubTests : IDisposable
{
    private readonly LensAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Hub_RolloutPaused_OutsideClientHearsTheTransition()
    {
        var client = _app.CreateClient();
        await client.CreateReleaseAsync();
        var id = (string)(await client.CreateRolloutAsync(Requests.Rollout()))["id"]!;

        var heard = Channel.CreateUnbounded<JsonElement>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "hubs/rollouts"), o =>
            {
                o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(LensAppFactory.AdminSecret);
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        hub.On<JsonElement>("lensEvent", e => heard.Writer.TryWrite(e));
        await hub.StartAsync();

        await client.PostJsonAsync($"/api/rollouts/{id}/pause", Requests.Action(reason: "hub test"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        JsonElement e;
        do e = await heard.Reader.ReadAsync(timeout.Token);
        while (e.GetProperty("kind").GetString() != "rolloutChanged");
        Assert.Equal(id, e.GetProperty("rolloutId").GetString());
        Assert.Equal("Pause", e.GetProperty("action").GetString());
        Assert.Equal("Paused", e.GetProperty("toState").GetString());
        Assert.Equal("hub test", e.GetProperty("reason").GetString());
    }
}
