using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

/// <summary>
/// Every page, as a person sees it on a desk screen (1600×1000) and the wall on a 1920×1080 TV, with the demo running and
/// enough going on to fill each page. Each is saved as a screenshot to look at; none may scroll sideways, log an error,
/// or (the wall) need scrolling at all.
/// </summary>
[Collection("browser")]
public sealed class PageScreenshotTests() : DashboardBrowserTest(new Dictionary<string, string>(DemoSettings.Fast("00:00:06")))
{
    [Fact]
    public async Task EveryPage_WithTheDemoRunning_RendersWithoutErrorsOrSidewaysScrolling()
    {
        var rollouts = await Api.WaitForAsync("/api/rollouts?state=Running", r => r.AsArray().Count > 0, TimeSpan.FromSeconds(30), "the demo rollout");
        var rolloutId = (string)rollouts[0]!["id"]!;
        await Api.WaitForAsync($"/api/rollouts/{rolloutId}", r => (int?)r["stageIndex"] >= 1, TimeSpan.FromSeconds(30), "a stage change to annotate");
        foreach (var value in new[] { 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.69, 0.66, 0.66, 0.65 })
            await Api.PostAsync("/api/detectors/observations", new { metric = "bench.recall_at_50", value });
        await Api.PostAsync("/api/releases/demo-1.0.0/bench/live", new { actor = "e2e" });
        await Api.WaitForAsync("/api/releases/demo-1.0.0/bench", b => b.AsArray().Any(r => (string?)r!["status"] == "completed"), TimeSpan.FromSeconds(30), "the final bench");
        await Api.RunNightAsync(TimeSpan.FromSeconds(60));
        await Api.PostAsync("/api/sentinel/run", new { });
        // A pipeline on a flag of its own, so the wall has a deployment line beside the demo's rollout.
        await Api.PostAsync("/deploy/start", new
        {
            version = "e2e-wall-1", skipBench = true, force = true, reason = "screenshot run has no sentinel",
            config = new { flag = "e2e-wall", canary_config = new { accelerated_rollout = true } },
        });
        for (var i = 1; i <= 7; i++)
            await Api.PostAsync("/api/alerts", new { severity = i % 3 == 0 ? "CRITICAL" : "HIGH", title = $"Shard {i} answering slowly, p99 above 900 ms for ten minutes", actor = "e2e" });

        var console = new List<string>();
        foreach (var (name, path) in new[]
        {
            ("overview", "/"), ("rollout-detail", $"/rollouts/{rolloutId}"), ("releases", "/releases"), ("release", "/releases/demo-1.0.0"),
            ("report", "/releases/demo-1.0.0/report"), ("alerts", "/alerts"), ("detectors", "/detectors/recall_at_50"), ("sentinel", "/sentinel"),
            ("calibration", "/calibration"),
        })
        {
            var page = new RolloutPage(await Browser.NewPageAsync(App.BaseAddress, console));
            await page.OpenAsync(path);
            // Charts draw their lines once the browser has measured them: wait for that, not for a fixed time.
            await page.WaitChartsDrawnAsync();
            Assert.True(await SidewaysOverflowAsync(page.Page) <= 0, $"{name} scrolls sideways at 1600 px");
            await Screenshots.SaveAsync(page.Page, $"page-{name}");
        }

        var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, console, 1920, 1080));
        await wall.OpenAsync();
        var open = (await Api.GetAsync("/api/alerts?state=open")).AsArray().Count;
        Assert.True(open > 5, $"only {open} open alerts");
        await Expect(wall.Alerts).ToHaveCountAsync(5);
        await Expect(wall.Page.GetByTestId("wall-more-alerts")).ToContainTextAsync($"+ {open - 5} more");
        Assert.True(await wall.Page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth"),
            "the wall fits 1920×1080 without scrolling");
        // Every section ends inside the screen: nothing is cut off at the bottom.
        var bottom = await wall.Page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('.wall > *')].map(e => e.getBoundingClientRect().bottom))");
        Assert.True(bottom <= 1080, $"the wall's content ends at {bottom} px");
        await Expect(wall.Pipelines).ToHaveCountAsync(1);
        await Expect(wall.Pipelines.First.GetByTestId("wall-pipeline-phase")).ToContainTextAsync("Canary block A stage", new() { Timeout = 20_000 });
        await Screenshots.SaveAsync(wall.Page, "page-wall");

        var report = new RolloutPage(await Browser.NewPageAsync(App.BaseAddress, console));
        await report.OpenAsync("/releases/e2e-wall-1/report");
        await Expect(report.Page.GetByTestId("report-deployment-summary")).ToContainTextAsync("Running on flag e2e-wall");
        await Expect(report.Page.GetByTestId("report-deployment-phase")).ToHaveCountAsync(9);
        Assert.True(await SidewaysOverflowAsync(report.Page) <= 0, "the report with a pipeline scrolls sideways at 1600 px");
        await Screenshots.SaveAsync(report.Page, "page-report-deployment");
        // On paper (A4's printable width) the phase table and the report links stay inside the page.
        await report.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await report.Page.SetViewportSizeAsync(703, 1000);
        Assert.True(await SidewaysOverflowAsync(report.Page) <= 0, "the printed report with a pipeline is wider than A4");
        await Screenshots.SaveAsync(report.Page, "page-report-deployment-print");

        lock (console) Assert.DoesNotContain(console, m => m.StartsWith("pageerror", StringComparison.Ordinal) || m.StartsWith("error", StringComparison.Ordinal));
    }

    private static Task<int> SidewaysOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
}
