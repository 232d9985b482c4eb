using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>The dashboard's HTTP contract, for arranging state and checking it from outside the browser.</summary>
public sealed class DashboardApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<JsonNode> PostAsync(string path, object body)
    {
        var response = await _http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await _http.GetStringAsync(path))!;

    public async Task<string> StartRolloutAsync(string version, string flag, params object[] stages)
    {
        await PostAsync("/api/releases", new { version, config = new { ranker = "bm25", version } });
        var rollout = await PostAsync("/api/rollouts", new { releaseVersion = version, flag, stages });
        return (string)rollout["id"]!;
    }

    public static object Stage(double percent, string minDuration, int minSamples = 100) =>
        new { percent, minDuration, gates = new { maxErrorRate = 0.01, maxP99Ms = 200.0, minSamples, failureLimit = 1 } };

    public async Task<JsonNode> WaitForAsync(string path, Func<JsonNode, bool> done, TimeSpan within, string what)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        JsonNode last;
        do
        {
            last = await GetAsync(path);
            if (done(last)) return last;
            await Task.Delay(100);
        } while (stopwatch.Elapsed < within);
        throw new TimeoutException($"Timed out waiting for {what}; last: {last.ToJsonString()}");
    }

    public void Dispose() => _http.Dispose();
}
