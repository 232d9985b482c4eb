using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class DetectorPageTests : DashboardBrowserTest
{
    [Fact]
    public async Task DetectorPage_ShiftedSeries_ShowsAlarmChartAndWallDriftStatus()
    {
        var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, width: 1920, height: 1080));
        await wall.OpenAsync();
        // Ten baseline values (μ₀ 0.71, σ ≈ 0.0105), then a drop that crosses H = 5σ on the second value.
        foreach (var value in new[] { 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.70, 0.72, 0.69, 0.66, 0.66, 0.65 })
            await Api.PostAsync("/api/detectors/observations", new { metric = "bench.recall_at_50", value });

        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/detectors/recall_at_50");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'");
        await Expect(page.GetByTestId("detector-recall_at_50")).ToContainTextAsync("ALARM since");
        await Expect(page.GetByTestId("detector-chart")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("detector-parameters")).ToContainTextAsync("μ₀ = 0.71");
        await Expect(page.GetByTestId("detector-replay")).ToHaveTextAsync("lens monitor cusum --input detector_recall_at_50_history.csv --column value --target 0.71 --sigma 0.01054092553 --k 0.5 --h 5");
        // Numbered as the replay numbers it: the second monitored value, not the twelfth row of the export.
        await Expect(page.GetByTestId("detector-first-alarm")).ToContainTextAsync("First alarm at observation 2");
        await Expect(page.GetByTestId("detector-raw-chart")).ToBeVisibleAsync();
        // Drawn, not just framed: the sums, the limit and the alarm ticks are lines with a legend that names them.
        await Expect(page.GetByTestId("detector-chart").Locator(".mud-chart-legend")).ToContainTextAsync("C⁻ (downward shift)");
        await Expect(page.GetByTestId("detector-chart").Locator("path.mud-chart-line")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("detector-raw-chart").Locator(".mud-chart-legend")).ToContainTextAsync("value");
        await Expect(wall.Drift).ToContainTextAsync("ALARM: recall_at_50");
        await Expect(wall.Alerts.First).ToContainTextAsync("Drift alarm: recall_at_50");
        await BlazorPage.WaitChartsDrawnAsync(page);
        await Screenshots.SaveAsync(page, "detector-alarm");
    }
}
