using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class CalibrationPageTests : DashboardBrowserTest
{
    /// <summary>An over-confident candidate: a result given p is clicked about p² of the time.</summary>
    private static object[] Impressions(int queries, int seed)
    {
        var random = new Random(seed);
        var events = new List<object>();
        for (var q = 0; q < queries; q++)
            for (var position = 1; position <= 6; position++)
            {
                var score = Math.Round(Math.Clamp(0.95 - 0.12 * (position - 1) + (random.NextDouble() - 0.5) * 0.2, 0.01, 0.99), 3);
                events.Add(new { queryId = $"s{seed}-q{q}", score, clicked = random.NextDouble() < score * score, position });
            }
        return [.. events];
    }

    [Fact]
    public async Task Curve_ImpressionsArrive_DrawsAndRedrawsWithoutReload()
    {
        var page = new CalibrationPage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(page.Page, "calibration", async () =>
        {
        await page.OpenAsync();
        await Expect(page.Empty).ToBeVisibleAsync();

        await Api.PostAsync("/api/calibration/impressions", new { flag = "ranking", variant = "candidate", events = Impressions(100, 1) });
        await Api.PostAsync("/api/calibration/impressions", new { flag = "ranking", variant = "baseline", events = Impressions(100, 2) });

        await Expect(page.Impressions("ranking", "candidate")).ToHaveTextAsync("600", new() { Timeout = 5000 });
        await Expect(page.Impressions("ranking", "baseline")).ToHaveTextAsync("600", new() { Timeout = 5000 });
        var before = await page.Points("ranking").CountAsync();
        Assert.True(before >= 10, $"only {before} points drawn");
        await Screenshots.SaveAsync(page.Page, "calibration-curve");

        // More arrive: the same page, no reload, shows them.
        await page.Page.EvaluateAsync("window.__sameDocument = true");
        await Api.PostAsync("/api/calibration/impressions", new { flag = "ranking", variant = "candidate", events = Impressions(300, 3) });
        await Expect(page.Impressions("ranking", "candidate")).ToHaveTextAsync("2,400", new() { Timeout = 5000 });
        Assert.True(await page.Page.EvaluateAsync<bool>("window.__sameDocument === true"));
        await Screenshots.SaveAsync(page.Page, "calibration-curve-updated");
        });
    }

    [Fact]
    public async Task Fallback_LeadSetsItAndAnotherTau_WallAndPageShowItWithoutReload()
    {
        var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, width: 1920, height: 1080));
        var page = new CalibrationPage(await Browser.NewPageAsync(App.BaseAddress));
        await Screenshots.OnFailureAsync(page.Page, "calibration-controls", async () =>
        {
        await wall.OpenAsync();
        await page.OpenAsync();
        await Api.PostAsync("/api/calibration/impressions", new { flag = "ranking", variant = "candidate", events = Impressions(100, 4) });
        await Expect(page.Impressions("ranking", "candidate")).ToHaveTextAsync("600", new() { Timeout = 5000 });
        await Expect(wall.Calibration).ToContainTextAsync("ranking: no τ yet");

        await Api.PostAsync("/api/calibration/ranking/tau", new { tau = 0.42, reason = "Go queries return too few results" });
        await Api.PostAsync("/api/calibration/ranking/fallback", new { active = true, reason = "new ranker misbehaving in Java repos" });

        await Expect(wall.Calibration).ToContainTextAsync("LTR FALLBACK · ranking", new() { Timeout = 2000 });
        await Expect(page.Fallback("ranking")).ToHaveTextAsync("LTR FALLBACK ON", new() { Timeout = 2000 });
        await Expect(page.Published("ranking")).ToContainTextAsync("τ 0.42 (set by");
        await Expect(page.History("ranking")).ToContainTextAsync("Go queries return too few results");
        await Screenshots.SaveAsync(wall.Page, "wall-calibration-fallback");
        await Screenshots.SaveAsync(page.Page, "calibration-fallback");
        });
    }
}
