using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;

namespace Lens.LoadDriver;

/// <summary>Posts the same pre-built batch from many connections for a fixed time and reports events/s and request latency.</summary>
public static class IngestLoad
{
    public static async Task RunAsync(Uri server, int seconds, int connections, int batchSize)
    {
        using var setup = BenchCredentials.Client(server);
        var run = Guid.NewGuid().ToString("N")[..8];
        var flag = $"bench-{run}";
        (await setup.PostAsJsonAsync("api/releases", new { version = $"bench-{run}", config = new { run } })).EnsureSuccessStatusCode();
        // Gates that never decide (huge MinSamples), so the load measures ingest alone.
        (await setup.PostAsJsonAsync("api/rollouts", new
        {
            releaseVersion = $"bench-{run}",
            flag,
            stages = new[] { new { percent = 10, minDuration = "01:00:00", gates = new { maxErrorRate = 0.5, maxP99Ms = 10_000.0, minSamples = 1_000_000_000, failureLimit = 1 } } },
        })).EnsureSuccessStatusCode();

        var body = Encoding.UTF8.GetBytes(BuildBatch(flag, batchSize));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = BenchCredentials.Client(server, handler);
        http.Timeout = TimeSpan.FromSeconds(30);

        // Warm-up: JIT and connection setup are not part of the measurement.
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => PostAsync(http, body)));

        var latencies = new List<double>[connections];
        var failures = 0;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (stopwatch.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await PostAsync(http, body)) Interlocked.Increment(ref failures);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = stopwatch.Elapsed.TotalSeconds;

        var all = latencies.SelectMany(l => l).Order().ToList();
        var accepted = (await setup.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"api/rollouts?state=Running"))!.AsArray()
            .First(r => (string?)r!["flag"] == flag)!["metrics"]!;
        var counted = (long)accepted["baseline"]!["requests"]! + (long)accepted["candidate"]!["requests"]!;
        Console.WriteLine($"ingest: {all.Count} requests of {batchSize} events over {elapsed:F1} s with {connections} connections, {failures} failed");
        Console.WriteLine($"ingest: {all.Count * (double)batchSize / elapsed:N0} events/s; request latency p50 {Percentiles.Of(all, 0.5):F2} ms, p99 {Percentiles.Of(all, 0.99):F2} ms, max {all[^1]:F2} ms");
        Console.WriteLine($"ingest: the server counted {counted:N0} events in the stage window (sent {(all.Count + connections) * (long)batchSize:N0} including warm-up)");
    }

    private static async Task<bool> PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await http.PostAsync("api/ingest", content);
        return response.StatusCode == System.Net.HttpStatusCode.Accepted;
    }

    private static string BuildBatch(string flag, int size)
    {
        var random = new Random(42);
        var sb = new StringBuilder($"{{\"flag\":\"{flag}\",\"events\":[");
        for (var i = 0; i < size; i++)
        {
            if (i > 0) sb.Append(',');
            var variant = random.NextDouble() < 0.1 ? "candidate" : "baseline";
            sb.Append($"{{\"variant\":\"{variant}\",\"latencyMs\":{5 + random.NextDouble() * 60:F2},\"ok\":{(random.NextDouble() < 0.995 ? "true" : "false")},\"resultCount\":{random.Next(0, 50)}}}");
        }
        return sb.Append("]}").ToString();
    }
}
