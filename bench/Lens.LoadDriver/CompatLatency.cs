using System.Diagnostics;

namespace Lens.LoadDriver;

/// <summary>
/// <c>GET /compat/check</c> over HTTP from a warm keep-alive client: one request at a time (latency as a client sees
/// it, loopback network included), then the same under concurrent load.
/// </summary>
public static class CompatLatency
{
    private static readonly string[] Pairs = ["api_version=v1&index_version=v1", "api_version=1.4.2&index_version=2.0.0", "api_version=0.3.1&index_version=0.3.9"];

    public static async Task RunAsync(Uri server, int requests, int connections)
    {
        using var http = BenchCredentials.Client(server);
        for (var i = 0; i < 200; i++) (await http.GetAsync($"compat/check?{Pairs[i % Pairs.Length]}")).EnsureSuccessStatusCode();

        var sequential = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"compat/check?{Pairs[i % Pairs.Length]}");
            await response.Content.ReadAsByteArrayAsync();
            sequential.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        Report("compat one at a time", sequential);

        var concurrent = new List<double>(requests);
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"compat/check?{Pairs[i % Pairs.Length]}", ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (concurrent) concurrent.Add(ms);
        });
        Report($"compat with {connections} concurrent ({requests / wall.Elapsed.TotalSeconds:0} req/s)", concurrent);
    }

    private static void Report(string what, List<double> samples)
    {
        samples.Sort();
        Console.WriteLine($"{what}: n={samples.Count} p50={Percentiles.Of(samples, 0.50):0.000} ms p95={Percentiles.Of(samples, 0.95):0.000} ms p99={Percentiles.Of(samples, 0.99):0.000} ms max={samples[^1]:0.000} ms");
    }
}
