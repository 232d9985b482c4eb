using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class WallRestartTests
{
    [Fact]
    public async Task Wall_ThroughAServerKillAndRestart_ShowsStaleThenRecoversByItself()
    {
        await using var app = new DashboardProcess(new() { ["Wall__StaleAfter"] = "00:00:08" });
        await app.StartAsync();
        using (var api = new DashboardApi(app.BaseAddress))
            await api.StartRolloutAsync("5.0.0", "wall-flag", DashboardApi.Stage(10, "01:00:00"));
        await using var browser = await BrowserSession.LaunchAsync();
        var wall = new WallPage(await browser.NewPageAsync(app.BaseAddress, width: 1920, height: 1080));
        await wall.OpenAsync();
        await Expect(wall.Rollouts).ToHaveCountAsync(1);
        await Expect(wall.StaleBanner).ToBeHiddenAsync();
        // Dark from edge to edge, not only the wall's own block.
        Assert.Equal("rgb(11, 15, 20)", await wall.PageBackgroundAsync());
        await Screenshots.SaveAsync(wall.Page, "wall");

        await app.KillAsync();
        await Expect(wall.StaleBanner).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal("disconnected", await wall.ConnectionStateAsync());
        await Screenshots.SaveAsync(wall.Page, "wall-stale");

        await app.StartAsync();
        // Nobody touches the wall: it reconnects (reloading itself once the server answers) on its own.
        await wall.WaitConnectedAsync(timeoutMs: 20_000);
        await Expect(wall.Rollouts).ToHaveCountAsync(1);
        await Expect(wall.StaleBanner).ToBeHiddenAsync();
        Assert.Equal("connected", await wall.ConnectionStateAsync());
        await Expect(wall.Rollouts.First).ToContainTextAsync("5.0.0");
    }
}
