using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Lens.LoadDriver;

/// <summary>Overview: time from navigation to the rendered table with many rollouts in the database.</summary>
public static class UiLatency
{
    public static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task OverviewAsync(Uri server, int rollouts, int trials)
    {
        using var http = BenchCredentials.Client(server);
        var run = Guid.NewGuid().ToString("N")[..8];
        var seeding = Stopwatch.StartNew();
        for (var i = 0; i < rollouts; i++)
        {
            (await http.PostAsJsonAsync("api/releases", new { version = $"ov-{run}-{i}", config = new { i } })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("api/rollouts", new { releaseVersion = $"ov-{run}-{i}", flag = $"ov-{run}-{i}", plan = "three-block" })).EnsureSuccessStatusCode();
        }
        Console.WriteLine($"overview: seeded {rollouts} rollouts in {seeding.Elapsed.TotalSeconds:F1} s");

        var cookie = await BenchCredentials.ViewerCookieAsync(server);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var times = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            var context = await browser.NewContextAsync(new() { BaseURL = server.ToString() });
            if (cookie is not null) await context.AddCookiesAsync([new() { Name = BenchCredentials.CookieName, Value = cookie, Domain = server.Host, Path = "/" }]);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'", null, new() { Timeout = 60_000 });
            // Navigate within the live circuit, so the time is the server loading and rendering the page, plus the DOM patch.
            await page.GotoAsync("/releases");
            await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'");
            var elapsed = await page.EvaluateAsync<double>($$"""
                async () => {
                  const start = performance.now();
                  Blazor.navigateTo('/');
                  // The summary chips separate number and word with a no-break space: compare with white space folded.
                  const done = () => document.querySelector('[data-testid="overview-summary"]')?.textContent.replace(/\s+/g, ' ').includes('{{rollouts}} in all');
                  while (!done())
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
