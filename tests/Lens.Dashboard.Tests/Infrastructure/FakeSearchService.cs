using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real search service on a loopback port for live benches: <c>/search?q=&amp;variant=baseline|candidate</c>.
/// Each side answers from its own table of result lists; a test can swap the candidate's behaviour mid-way.
/// </summary>
public sealed class FakeSearchService : IAsyncDisposable
{
    private readonly LocalHttpServer _server;

    public FakeSearchService()
    {
        _server = new LocalHttpServer(async context =>
        {
            var query = context.Request.Query["q"].ToString();
            var candidate = context.Request.Query["variant"] == "candidate";
            var answers = candidate ? Candidate : Baseline;
            var delay = BaseDelay + (candidate ? CandidateDelay : TimeSpan.Zero);
            // A caller that gave up (a bench cut off by a shutdown) does not hold the server's own shutdown for the rest of the delay.
            try { if (delay > TimeSpan.Zero) await WaitAtLeastAsync(delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
            if (candidate && CandidateFails) { context.Response.StatusCode = 503; return; }
            var files = answers.TryGetValue(query, out var list) ? list : [];
            var results = files.Select((f, i) => CandidateDropsLines && candidate ? (object)new { file = f } : new { file = f, line = 10 + i });
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { results }));
        });
    }

    public Dictionary<string, string[]> Baseline { get; } = new();
    public Dictionary<string, string[]> Candidate { get; set; } = new();
    public volatile bool CandidateFails;
    public volatile bool CandidateDropsLines;
    public TimeSpan CandidateDelay { get; set; }

    /// <summary>How long both variants take at least, like a real service's floor.</summary>
    public TimeSpan BaseDelay { get; set; }

    // Timers run on a coarse clock and can fire a few milliseconds early by a stopwatch's measure, which is what the
    // bench uses: a candidate told to be 300 ms slow must not answer in 298.
    private static async Task WaitAtLeastAsync(TimeSpan delay, CancellationToken aborted)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.Delay(delay, aborted);
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < delay) await Task.Delay(1, aborted);
    }

    public string Endpoint(string variant) => _server.Url($"/search?q={{query}}&variant={variant}");

    public Dictionary<string, string?> Settings() => new()
    {
        ["Bench:BaselineEndpoint"] = Endpoint("baseline"),
        ["Bench:CandidateEndpoint"] = Endpoint("candidate"),
    };

    public Task StartAsync() => _server.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
