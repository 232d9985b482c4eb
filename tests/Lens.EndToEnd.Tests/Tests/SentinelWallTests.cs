using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

/// <summary>The demo search service going blank, as on-call sees it: sentinel trips, the wall goes red, and it recovers.</summary>
[Collection("browser")]
public sealed class SentinelWallTests() : DashboardBrowserTest(new Dictionary<string, string>(DemoSettings.Fast())
{
    ["Sentinel__Endpoint"] = "/api/demo/search?q={query}",
    ["Sentinel__Interval"] = "01:00:00",
    ["Sentinel__TrippedInterval"] = "00:00:01",
    ["Sentinel__RecoveryPeriod"] = "00:00:03",
})
{
    [Fact]
    public async Task Sentinel_SearchReturnsZeroResults_WallShowsTripAndCriticalThenRecovery()
    {
        var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, width: 1920, height: 1080));
        await wall.OpenAsync();
        await Api.PostAsync("/api/sentinel/run", new { });
        await Expect(wall.Sentinel).ToContainTextAsync("OK");

        await Api.PostAsync("/api/demo/faults", new { zeroResults = true });
        await Api.PostAsync("/api/sentinel/run", new { });

        await Expect(wall.KillSwitch).ToContainTextAsync("zero_results_emergency", new() { Timeout = 1000 });
        await Expect(wall.Alerts.First).ToHaveAttributeAsync("data-severity", "Critical", new() { Timeout = 1000 });
        await Expect(wall.Alerts.First).ToContainTextAsync("zero_results_emergency");
        await Expect(wall.Sentinel).ToContainTextAsync("TRIPPED");
        var sentinel = new SentinelPage(await Browser.NewPageAsync(App.BaseAddress));
        await sentinel.OpenAsync();
        await Expect(sentinel.State).ToHaveTextAsync("TRIPPED");
        await Expect(sentinel.Chart).ToBeVisibleAsync();
        await Screenshots.SaveAsync(wall.Page, "wall-sentinel-tripped");
        await Screenshots.SaveAsync(sentinel.Page, "sentinel-tripped");

        // Healthy again: probes run every second while tripped; three seconds of passes switch it back off.
        await Api.PostAsync("/api/demo/faults", new { });
        await Expect(wall.KillSwitch).ToHaveTextAsync("Kill switch off", new() { Timeout = 20_000 });
        await Expect(wall.Sentinel).ToContainTextAsync("OK");
        var zeroResults = (await Api.GetAsync("/api/killswitch")).AsArray().Single(k => (string?)k!["name"] == "zero_results_emergency")!;
        Assert.Equal("sentinel", (string?)zeroResults["actor"]);
        Assert.False((bool?)zeroResults["active"]);
    }
}
