using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Lens.LoadDriver;

/// <summary>
/// Push latency: many dashboards open on one rollout; the driver pauses and resumes it through the API and each
/// page records (with a MutationObserver, on the same machine's clock) when its state text changed.
/// Overview: time from navigation to the rendered table with many rollouts in the database.
/// </summary>
public static class UiLatency
{
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task PushAsync(Uri server, int dashboards, int rounds, string pageKind)
    {
        using var http = new HttpClient { BaseAddress = server };
        var run = Guid.NewGuid().ToString("N")[..8];
        (await http.PostAsJsonAsync("api/releases", new { version = $"push-{run}", config = new { run } })).EnsureSuccessStatusCode();
        var created = await (await http.PostAsJsonAsync("api/rollouts", new
        {
            releaseVersion = $"push-{run}", flag = $"push-{run}",
            stages = new[] { new { percent = 10, minDuration = "01:00:00", gates = new { maxErrorRate = 0.01, minSamples = 100 } } },
        })).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>();
        var id = (string)created!["id"]!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var pages = new List<IPage>();
        for (var i = 0; i < dashboards; i++)
        {
            var page = await (await browser.NewContextAsync(new() { BaseURL = server.ToString() })).NewPageAsync();
            await page.GotoAsync(pageKind switch { "overview" => "/", "wall" => "/wall", _ => $"/rollouts/{id}" });
            await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'", null, new() { Timeout = 60_000 });
            // Each kind of page shows the rollout's state somewhere; watch that text.
            var selector = pageKind switch
            {
                "overview" => "[data-testid=\"rollout-state\"]",
                "wall" => "[data-testid=\"wall-rollout\"] .wall-card-stage",
                _ => "[data-testid=\"rollout-title\"] [data-testid=\"rollout-state\"]",
            };
            await page.Locator(selector).First.WaitForAsync();
            await page.EvaluateAsync("""
                (selector) => {
                  window.__changes = [];
                  new MutationObserver(() => { const el = document.querySelector(selector); if (el) window.__changes.push({ at: Date.now(), text: el.textContent }); })
                    .observe(document.body, { subtree: true, childList: true, characterData: true });
                }
                """, selector);
            pages.Add(page);
        }
        Console.WriteLine($"push: {dashboards} {pageKind} pages open on rollout {id}");

        var samples = new List<double>();
        var missed = 0;
        for (var round = 0; round < rounds; round++)
        {
            var action = round % 2 == 0 ? "pause" : "resume";
            var expected = round % 2 == 0 ? "Paused" : "Running";
            var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            (await http.PostAsJsonAsync($"api/rollouts/{id}/{action}", new { actor = "bench", reason = "push latency" })).EnsureSuccessStatusCode();
            await Task.Delay(1500);
            foreach (var page in pages)
            {
                var changedAt = await page.EvaluateAsync<long?>($"() => {{ const c = window.__changes.find(c => c.text.includes('{expected}')); window.__changes = []; return c ? c.at : null; }}");
                if (changedAt is { } at) samples.Add(at - sentAt); else missed++;
            }
        }
        samples.Sort();
        Console.WriteLine($"push: {samples.Count} changes seen, {missed} missed within 1.5 s; from API request to changed DOM: p50 {Percentiles.Of(samples, 0.5):F0} ms, p95 {Percentiles.Of(samples, 0.95):F0} ms, max {samples[^1]:F0} ms");
    }

    public static async Task OverviewAsync(Uri server, int rollouts, int trials)
    {
        using var http = new HttpClient { BaseAddress = server };
        var run = Guid.NewGuid().ToString("N")[..8];
        var seeding = Stopwatch.StartNew();
        for (var i = 0; i < rollouts; i++)
        {
            (await http.PostAsJsonAsync("api/releases", new { version = $"ov-{run}-{i}", config = new { i } })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("api/rollouts", new { releaseVersion = $"ov-{run}-{i}", flag = $"ov-{run}-{i}", plan = "three-block" })).EnsureSuccessStatusCode();
        }
        Console.WriteLine($"overview: seeded {rollouts} rollouts in {seeding.Elapsed.TotalSeconds:F1} s");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var times = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            var page = await (await browser.NewContextAsync(new() { BaseURL = server.ToString() })).NewPageAsync();
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'", null, new() { Timeout = 60_000 });
            // Navigate within the live circuit, so the time is the server loading and rendering the page, plus the DOM patch.
            await page.GotoAsync("/releases");
            await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'");
            var elapsed = await page.EvaluateAsync<double>($$"""
                async () => {
                  const start = performance.now();
                  Blazor.navigateTo('/');
                  while (!document.querySelector('[data-testid="overview-summary"]') || !document.querySelector('[data-testid="overview-summary"]').textContent.includes('{{rollouts}} in all'))
                    await new Promise(r => requestAnimationFrame(r));
                  return performance.now() - start;
                }
                """);
            times.Add(elapsed);
            await page.Context.CloseAsync();
        }
        times.Sort();
        Console.WriteLine($"overview: {rollouts} rollouts, in-circuit navigation to a rendered table: p50 {Percentiles.Of(times, 0.5):F0} ms, max {times[^1]:F0} ms over {trials} trials");
    }
}
