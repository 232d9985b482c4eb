using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.LoadDriver;

/// <summary>
/// Chromium driven over the DevTools protocol at the browser level only. Pages are opened in isolated contexts (a
/// renderer each, like dashboards on separate machines) and are only ever asked to evaluate a script: no page-level
/// domain is enabled, so the browser does not stream every WebSocket frame of every page to the driver. Playwright
/// does enable those domains, and with fifty pages on two cores that instrumentation alone moved the push p95 by
/// about a third.
/// </summary>
public sealed class CdpBrowser : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _waiting = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private CdpBrowser(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<CdpBrowser> LaunchAsync(string executable, IEnumerable<string> args)
    {
        var profile = Directory.CreateTempSubdirectory("lens-cdp-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Concat(["--headless=new", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank"]))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var browser = new CdpBrowser(process, profile);
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            const string marker = "DevTools listening on ";
            if (e.Data?.IndexOf(marker, StringComparison.Ordinal) is >= 0 and var at) endpoint.TrySetResult(e.Data[(at + marker.Length)..].Trim());
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var url = await endpoint.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await browser._socket.ConnectAsync(new Uri(url), CancellationToken.None);
        browser._receiving = browser.ReceiveAsync();
        return browser;
    }

    public async Task<JsonNode> SendAsync(string method, object? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { }, sessionId }, Wire);
        await _sending.WaitAsync();
        try { await _socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { _sending.Release(); }
        var answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (answer["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return answer["result"]!;
    }

    /// <summary>Opens <paramref name="url"/> in a context of its own, with <paramref name="initScript"/> run before the page's scripts.</summary>
    public async Task<string> OpenIsolatedPageAsync(string url, string initScript, string? sessionCookie = null)
    {
        var context = (string)(await SendAsync("Target.createBrowserContext"))["browserContextId"]!;
        if (sessionCookie is not null)
        {
            var host = new Uri(url).Host;
            await SendAsync("Storage.setCookies", new { browserContextId = context, cookies = new[] { new { name = BenchCredentials.CookieName, value = sessionCookie, domain = host, path = "/" } } });
        }
        var target = (string)(await SendAsync("Target.createTarget", new { url = "about:blank", browserContextId = context }))["targetId"]!;
        var session = (string)(await SendAsync("Target.attachToTarget", new { targetId = target, flatten = true }))["sessionId"]!;
        // The page domain sends only a handful of lifecycle events; it is needed for the script to run on navigation.
        await SendAsync("Page.enable", null, session);
        await SendAsync("Page.addScriptToEvaluateOnNewDocument", new { source = initScript }, session);
        await SendAsync("Page.navigate", new { url }, session);
        return session;
    }

    public async Task<JsonNode?> EvaluateAsync(string session, string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true }, session);
        if (result["exceptionDetails"] is { } failure) throw new InvalidOperationException($"Script failed: {failure.ToJsonString()}");
        return result["result"]?["value"];
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var node = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
                if (node?["id"] is { } id && _waiting.TryRemove((int)id, out var reply)) reply.TrySetResult(node);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _receiving; } catch (Exception) { }
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        try { Directory.Delete(_profile, true); } catch (IOException) { }
    }
}
