using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class AlertWallTests : DashboardBrowserTest
{
    private Task<System.Text.Json.Nodes.JsonNode> RaiseAsync(string severity, string title) =>
        Api.PostAsync("/api/alerts", new { severity, title, actor = "e2e", detail = "raised by the browser test" });

    [Fact]
    public async Task CriticalAlert_Raised_AppearsFirstOnEveryOpenWallWithinOneSecond()
    {
        var walls = new List<WallPage>();
        for (var i = 0; i < 2; i++)
        {
            var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, width: 1920, height: 1080));
            await wall.OpenAsync();
            walls.Add(wall);
        }
        await Expect(walls[0].Page.GetByTestId("wall-all-clear")).ToBeVisibleAsync();
        await RaiseAsync("HIGH", "Shard 4 answering slowly");
        await Expect(walls[0].Alert("Shard 4 answering slowly")).ToBeVisibleAsync();

        await RaiseAsync("CRITICAL", "Search cluster unreachable");
        foreach (var wall in walls)
        {
            await Expect(wall.Alert("Search cluster unreachable")).ToBeVisibleAsync(new() { Timeout = 1000 });
            await Expect(wall.Alerts.First).ToHaveAttributeAsync("data-severity", "Critical");
        }
        await Expect(walls[1].Alerts).ToHaveCountAsync(2);
        await Expect(walls[1].Sentinel).ToContainTextAsync("Not configured");
        await Screenshots.SaveAsync(walls[0].Page, "wall-critical-alert");
    }

    [Fact]
    public async Task Alert_AcknowledgedFromTheUi_RecordsWhoAndWhyEverywhere()
    {
        var raised = await RaiseAsync("HIGH", "Recall drifting down");
        var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, width: 1920, height: 1080));
        await wall.OpenAsync();
        var alerts = new AlertsPage(await Browser.NewPageAsync(App.BaseAddress));
        await alerts.OpenAsync();
        await Expect(alerts.State("Recall drifting down")).ToHaveTextAsync("RAISED");

        var lee = DashboardUsers.Lead.Name;
        await alerts.AcknowledgeAsync("Recall drifting down", lee, "judgments changed, checking the bench");

        await Expect(alerts.State("Recall drifting down")).ToHaveTextAsync("ACKNOWLEDGED");
        await Expect(alerts.Row("Recall drifting down").GetByTestId("alert-ack")).ToContainTextAsync(lee);
        await Expect(alerts.Row("Recall drifting down").GetByTestId("alert-acknowledge")).ToHaveCountAsync(0);
        await Expect(wall.Alert("Recall drifting down")).ToContainTextAsync($"ACK {lee}", new() { Timeout = 1000 });
        var stored = await Api.GetAsync($"/api/alerts/{raised["id"]}");
        Assert.Equal(("Acknowledged", lee, "judgments changed, checking the bench"),
            ((string?)stored["state"], (string?)stored["acknowledgedBy"], (string?)stored["acknowledgeReason"]));
        await Screenshots.SaveAsync(alerts.Page, "alerts-acknowledged");
    }
}
