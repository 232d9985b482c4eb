using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on a fixed loopback port that a test can stop and start again, so "the receiver is
/// down" means connections are refused, as they would be.
/// </summary>
public sealed class LocalHttpServer(RequestDelegate handler) : IAsyncDisposable
{
    private WebApplication? _app;

    public int Port { get; } = FreePort();
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public async Task StartAsync()
    {
        if (_app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(handler);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    // Below Linux's ephemeral range (32768 and up): a port the kernel hands out for outgoing connections or port-0 binds
    // could be taken by another test while this server is "down", and the restart would then fail to bind.
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException("No free loopback port between 20000 and 32000.");
    }
}
