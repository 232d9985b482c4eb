using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

/// <summary>A candidate 30% slower than its baseline, as a manager reads it on the comparison page.</summary>
[Collection("browser")]
public sealed class CompareTests : DashboardBrowserTest
{
    private static object[] Events(string variant, int count, double from, double to) =>
        [.. Enumerable.Range(0, count).Select(i => (object)new { variant, latencyMs = from + (to - from) * i / (count - 1), ok = true, resultCount = 5 })];

    [Fact]
    public async Task Compare_SlowerCandidate_SaysWorseWithTheIntervalAndUpdatesLive()
    {
        var id = await Api.StartRolloutAsync("6.1.0", "compare-flag", new { percent = 50, minDuration = "01:00:00", gates = new { maxErrorRate = 0.5, minSamples = 100 } },
            DashboardApi.Stage(100, "00:01:00"));
        var page = new ComparePage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(page.Page, "compare", async () =>
        {
        await page.OpenComparisonAsync(id);
        await Expect(page.Verdict).ToContainTextAsync("No comparison yet");

        // Same shape, the candidate 30% slower at every point.
        await Api.PostAsync("/api/ingest", new { flag = "compare-flag", events = Events("baseline", 1500, 10, 100).Concat(Events("candidate", 1500, 13, 130)).ToArray() });

        await Expect(page.Verdict).ToContainTextAsync("After 1,500 requests per side, the candidate is worse", new() { Timeout = 5000 });
        await Expect(page.Verdict).ToContainTextAsync("p95 latency +");
        await Expect(page.Row("p95 latency")).ToHaveAttributeAsync("data-outcome", "Worse");
        await Expect(page.Difference("p95 latency")).ToContainTextAsync("(+");
        await Expect(page.Row("error rate")).ToHaveAttributeAsync("data-outcome", "NotYetKnown");
        await Screenshots.SaveAsync(page.Page, "compare-worse");
        });
    }

    [Fact]
    public async Task Compare_ServedSplitSkewed_SaysNoWinnerAndTheWallShowsTheSrmWarning()
    {
        var id = await Api.StartRolloutAsync("6.2.0", "skew-flag", new { percent = 10, minDuration = "01:00:00", gates = new { maxErrorRate = 0.5, minSamples = 100 } },
            DashboardApi.Stage(100, "00:01:00"));
        var page = new ComparePage(await Browser.NewPageAsync(App.BaseAddress));
        var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, width: 1920, height: 1080));
        await Screenshots.OnFailureAsync(page.Page, "compare-srm", async () =>
        {
        await page.OpenComparisonAsync(id);
        await wall.OpenAsync();

        // A 10% stage, but services split 50/50: assignment is broken somewhere.
        await Api.PostAsync("/api/ingest", new { flag = "skew-flag", events = Events("baseline", 1000, 10, 100).Concat(Events("candidate", 1000, 10, 100)).ToArray() });

        await Expect(page.Verdict).ToContainTextAsync("No winner can be called", new() { Timeout = 15_000 });
        await Expect(page.Verdict).ToContainTextAsync("sample ratio mismatch");
        await Expect(wall.Alert("served split is not the intended one")).ToHaveAttributeAsync("data-severity", "Warn", new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page.Page, "compare-srm");
        await Screenshots.SaveAsync(wall.Page, "wall-srm");
        });
    }
}
