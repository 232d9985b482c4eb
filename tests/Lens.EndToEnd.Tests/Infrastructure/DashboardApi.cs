using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>The dashboard's HTTP contract, for arranging state and checking it from outside the browser.</summary>
public sealed class DashboardApi : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="secret">The bearer token to act with; the test dashboards' admin token unless given.</param>
    public DashboardApi(Uri baseAddress, string? secret = DashboardProcess.AdminSecret)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (secret is not null) _http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
    }

    private DashboardApi(HttpClient http) => _http = http;

    /// <summary>The API as a person signed in through the sign-in form (a session cookie), for what needs a person: sign-off.</summary>
    public static async Task<DashboardApi> SignedInAsync(Uri baseAddress, E2eUser user)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var form = await http.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user.Name,
            ["password"] = E2eUser.Password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        if (response.Headers.Location?.ToString() != "/") throw new InvalidOperationException($"Sign-in as {user.Name} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return new DashboardApi(http);
    }

    /// <summary>Posts and returns only the status, for callers that accept more than one outcome.</summary>
    public async Task<System.Net.HttpStatusCode> TryPostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        return response.StatusCode;
    }

    /// <summary>Sends a DELETE and fails on anything but success.</summary>
    public async Task DeleteAsync(string path)
    {
        using var response = await _http.DeleteAsync(path);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

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

    /// <summary>Starts tonight's validation (answered at once, the benches queued) and waits until the night has finished; returns its benches.</summary>
    public async Task<JsonArray> RunNightAsync(TimeSpan within)
    {
        var start = await PostAsync("/api/nightly/run", new { });
        var night = await WaitForAsync((string)start["progressUrl"]!, p => (string?)p["status"] == "finished", within, "tonight's validation");
        return night["runs"]!.AsArray();
    }

    public void Dispose() => _http.Dispose();
}
