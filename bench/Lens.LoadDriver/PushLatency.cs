using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lens.LoadDriver;

/// <summary>
/// Push latency: many dashboards open on one rollout; the driver pauses and resumes it through the API, and each page
/// records (with a MutationObserver, on this machine's clock) when its state text changed. Each page also notes when
/// its main thread received each server message, which splits the time into "until the message was taken in" and
/// "applying it".
/// </summary>
public static class PushLatency
{
    private const string ArrivalRecorder = """
        window.__arrivals = [];
        const NativeWebSocket = window.WebSocket;
        window.WebSocket = class extends NativeWebSocket {
          constructor(...args) {
            super(...args);
            this.addEventListener('message', () => { window.__arrivals.push(Date.now()); if (window.__arrivals.length > 500) window.__arrivals.splice(0, 250); });
          }
        };
        """;

    public static async Task RunAsync(Uri server, int dashboards, int rounds, string pageKind, int trafficPerSecond = 0)
    {
        using var http = BenchCredentials.Client(server);
        var (id, flag) = await CreateRolloutAsync(http);
        // With traffic, the rollout page's charts, tiles and split have data and redraw as it arrives, as on a real canary.
        using var stopTraffic = new CancellationTokenSource();
        var traffic = trafficPerSecond > 0 ? SendTrafficAsync(server, flag, trafficPerSecond, stopTraffic.Token) : Task.CompletedTask;
        if (trafficPerSecond > 0)
        {
            Console.WriteLine($"push: {trafficPerSecond} requests/s of traffic on {flag}; waiting 12 s for whole buckets");
            await Task.Delay(TimeSpan.FromSeconds(12));
        }
        var (path, selector) = pageKind switch
        {
            "overview" => ("/", "[data-testid=\"rollout-state\"]"),
            "wall" => ("/wall", "[data-testid=\"wall-rollout\"] .wall-card-stage"),
            _ => ($"/rollouts/{id}", "[data-testid=\"rollout-title\"] [data-testid=\"rollout-state\"]"),
        };

        await using var browser = await CdpBrowser.LaunchAsync("/usr/bin/chromium", [.. UiLatency.ChromiumArgs, "--window-size=1280,720"]);
        var cookie = await BenchCredentials.ViewerCookieAsync(server);
        var pages = new List<string>();
        for (var i = 0; i < dashboards; i++)
        {
            var page = await browser.OpenIsolatedPageAsync(new Uri(server, path).ToString(), ArrivalRecorder, cookie);
            await WaitUntilAsync(browser, page, $$"""document.documentElement.dataset.connection === 'connected' && !!document.querySelector('{{selector}}')""");
            await browser.EvaluateAsync(page, $$"""
                window.__changes = [];
                new MutationObserver(() => { const el = document.querySelector('{{selector}}'); if (el) window.__changes.push({ at: Date.now(), text: el.textContent }); })
                  .observe(document.body, { subtree: true, childList: true, characterData: true });
                true
                """);
            pages.Add(page);
        }
        Console.WriteLine($"push: {dashboards} {pageKind} pages open on rollout {id}, each in its own browser context");

        var samples = new List<double>();
        var arrivals = new List<double>();
        var applying = new List<double>();
        var apiTimes = new List<double>();
        var missed = 0;
        for (var round = 0; round < rounds; round++)
        {
            var action = round % 2 == 0 ? "pause" : "resume";
            var expected = round % 2 == 0 ? "Paused" : "Running";
            var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var call = Stopwatch.StartNew();
            (await http.PostAsJsonAsync($"api/rollouts/{id}/{action}", new { actor = "bench", reason = "push latency" })).EnsureSuccessStatusCode();
            apiTimes.Add(call.Elapsed.TotalMilliseconds);
            await Task.Delay(1500);
            foreach (var page in pages)
            {
                var seen = await browser.EvaluateAsync(page, $$"""
                    (() => {
                      const change = window.__changes.find(c => c.text.includes('{{expected}}'));
                      window.__changes = [];
                      if (!change) return null;
                      const before = window.__arrivals.filter(t => t >= {{sentAt}} && t <= change.at);
                      return [change.at, before.length ? before[before.length - 1] : change.at];
                    })()
                    """);
                if (seen is JsonArray { Count: 2 } pair)
                {
                    var at = (long)pair[0]!;
                    var arrived = (long)pair[1]!;
                    samples.Add(at - sentAt);
                    arrivals.Add(arrived - sentAt);
                    applying.Add(at - arrived);
                }
                else missed++;
            }
        }
        await stopTraffic.CancelAsync();
        await traffic;
        foreach (var list in new[] { samples, arrivals, applying, apiTimes }) list.Sort();
        if (samples.Count == 0) throw new InvalidOperationException($"No page showed a change in {rounds} rounds.");
        Console.WriteLine($"push: API call p50 {Percentiles.Of(apiTimes, 0.5):F0} ms; request to the page taking in the server's message p50 {Percentiles.Of(arrivals, 0.5):F0} ms, p95 {Percentiles.Of(arrivals, 0.95):F0} ms; applying it p50 {Percentiles.Of(applying, 0.5):F0} ms, p95 {Percentiles.Of(applying, 0.95):F0} ms");
        Console.WriteLine($"push: {samples.Count} changes seen, {missed} missed within 1.5 s; from API request to changed DOM: p50 {Percentiles.Of(samples, 0.5):F0} ms, p95 {Percentiles.Of(samples, 0.95):F0} ms, max {samples[^1]:F0} ms");
    }

    private static async Task SendTrafficAsync(Uri server, string flag, int perSecond, CancellationToken ct)
    {
        using var http = BenchCredentials.Client(server);
        var random = new Random(7);
        var perTick = Math.Max(1, perSecond / 4);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var events = Enumerable.Range(0, perTick).Select(_ => new
                {
                    variant = random.NextDouble() < 0.1 ? "candidate" : "baseline",
                    latencyMs = Math.Round(20 + random.NextDouble() * 60, 2),
                    ok = random.NextDouble() > 0.002,
                    resultCount = 5,
                }).ToArray();
                using var response = await http.PostAsJsonAsync("api/ingest", new { flag, events }, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    private static async Task<(string Id, string Flag)> CreateRolloutAsync(HttpClient http)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        (await http.PostAsJsonAsync("api/releases", new { version = $"push-{run}", config = new { run } })).EnsureSuccessStatusCode();
        var created = await (await http.PostAsJsonAsync("api/rollouts", new
        {
            releaseVersion = $"push-{run}", flag = $"push-{run}",
            stages = new[] { new { percent = 10, minDuration = "01:00:00", gates = new { maxErrorRate = 0.01, minSamples = 100 } } },
        })).Content.ReadFromJsonAsync<JsonNode>();
        return ((string)created!["id"]!, $"push-{run}");
    }

    private static async Task WaitUntilAsync(CdpBrowser browser, string page, string condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            // The page may still be navigating; an evaluation in the old document just answers false or fails.
            try { if (await browser.EvaluateAsync(page, condition) is JsonValue v && v.GetValue<bool>()) return; }
            catch (InvalidOperationException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The page did not get ready: {condition}");
    }
}
