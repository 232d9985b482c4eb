using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lens.LoadDriver;

/// <summary>
/// For each trial: a rollout at 10% with a 1% error-rate gate, an SSE subscriber on the flag stream, then
/// one ingest batch that breaks the gate. Measures from the 202 arriving to the subscriber seeing percent 0.
/// The first trial runs the rollback path cold (its code is compiled as it goes): it is reported on its own, and the
/// percentiles are over the trials after it.
/// </summary>
public static class BreachLatency
{
    public static async Task RunAsync(Uri server, int trials)
    {
        using var http = BenchCredentials.Client(server);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var run = Guid.NewGuid().ToString("N")[..8];
        var fromAccepted = new List<double>();
        var fromSent = new List<double>();
        double? cold = null;
        for (var trial = 0; trial <= trials; trial++)
        {
            var flag = $"breach-{run}-{trial}";
            (await http.PostAsJsonAsync("api/releases", new { version = flag, config = new { trial } })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("api/rollouts", new
            {
                releaseVersion = flag,
                flag,
                stages = new[] { new { percent = 10, minDuration = "01:00:00", gates = new { maxErrorRate = 0.01, maxP99Ms = 500.0, minSamples = 100, failureLimit = 1 } } },
            })).EnsureSuccessStatusCode();

            using var stream = await http.GetAsync("api/flags/stream", HttpCompletionOption.ResponseHeadersRead);
            var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
            var sawZero = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var pump = Task.Run(async () =>
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                    var f = JsonNode.Parse(line[6..])!;
                    if ((string?)f["key"] == flag && (decimal?)f["percent"] == 0m) { sawZero.TrySetResult(Stopwatch.GetTimestamp()); return; }
                }
            });

            var events = Enumerable.Range(0, 200).Select(i => new { variant = "candidate", latencyMs = 20.0, ok = i % 5 != 0, resultCount = 3 }).ToArray();
            var sent = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync("api/ingest", new { flag, events });
            var accepted = Stopwatch.GetTimestamp();
            response.EnsureSuccessStatusCode();
            var seen = await sawZero.Task.WaitAsync(TimeSpan.FromSeconds(30));
            stream.Dispose();
            if (trial == 0)
            {
                cold = Stopwatch.GetElapsedTime(accepted, seen).TotalMilliseconds;
                continue;
            }
            fromAccepted.Add(Stopwatch.GetElapsedTime(accepted, seen).TotalMilliseconds);
            fromSent.Add(Stopwatch.GetElapsedTime(sent, seen).TotalMilliseconds);
        }
        fromAccepted.Sort();
        fromSent.Sort();
        Console.WriteLine($"breach: first (cold) trial {cold:F1} ms from 202 to flag at 0%");
        Console.WriteLine($"breach: {trials} trials after it; from 202 to flag at 0% on the stream: p50 {Percentiles.Of(fromAccepted, 0.5):F1} ms, p95 {Percentiles.Of(fromAccepted, 0.95):F1} ms, max {fromAccepted[^1]:F1} ms (slowest: {string.Join(", ", fromAccepted.TakeLast(3).Select(v => v.ToString("F1")))})");
        Console.WriteLine($"breach: from sending the batch: p50 {Percentiles.Of(fromSent, 0.5):F1} ms, max {fromSent[^1]:F1} ms");
    }
}
