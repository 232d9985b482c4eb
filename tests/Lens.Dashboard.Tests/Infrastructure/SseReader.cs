using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>Reads a text/event-stream response in the background and hands over each event's JSON data.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly Channel<JsonNode> _events = Channel.CreateUnbounded<JsonNode>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    private SseReader(Stream stream) => _pump = PumpAsync(stream);

    public static async Task<SseReader> OpenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new InvalidOperationException($"Not an event stream: {response.Content.Headers.ContentType}");
        return new SseReader(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Completes when the server ends the stream.</summary>
    public Task Ended => _pump;

    public async Task<JsonNode> NextAsync(Func<JsonNode, bool> match, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            var next = await _events.Reader.ReadAsync(timeout.Token);
            if (match(next)) return next;
        }
    }

    private async Task PumpAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    await _events.Writer.WriteAsync(JsonNode.Parse(line[6..])!);
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _pump.WaitAsync(TimeSpan.FromSeconds(2)); } catch (TimeoutException) { }
    }
}
