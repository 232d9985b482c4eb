using System.Diagnostics;
using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class LiveControlTests : DashboardBrowserTest
{
    [Fact]
    public async Task Pause_InOneBrowser_ShowsInTheOtherWithinOneSecond()
    {
        var id = await Api.StartRolloutAsync("3.1.0", "ranking", DashboardApi.Stage(10, "01:00:00"), DashboardApi.Stage(100, "01:00:00"));
        var lead = new RolloutPage(await Browser.NewPageAsync(App.BaseAddress));
        var watcher = new RolloutPage(await Browser.NewPageAsync(App.BaseAddress));
        await lead.OpenRolloutAsync(id);
        await watcher.OpenRolloutAsync(id);
        await Expect(watcher.State).ToHaveTextAsync("Running");
        var controlsTop = await watcher.TopOfAsync(watcher.Controls);

        await lead.Action("pause").ClickAsync();
        var dialog = lead.Page.GetByTestId("confirm-dialog");
        await Expect(dialog.GetByTestId("confirm-ok")).ToBeDisabledAsync();
        await Expect(dialog.GetByTestId("confirm-actor")).ToHaveTextAsync(DashboardUsers.Lead.Name);
        await dialog.GetByTestId("confirm-reason").FillAsync("latency dashboards look odd");
        var clicked = Stopwatch.StartNew();
        await dialog.GetByTestId("confirm-ok").ClickAsync();

        await Expect(watcher.State).ToHaveTextAsync("Paused", new() { Timeout = 1000 });
        Assert.True(clicked.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clicked.Elapsed}");
        await Expect(lead.Page.Locator(".mud-snackbar")).ToContainTextAsync("Pause done");
        await Expect(watcher.Action("pause")).ToBeDisabledAsync();
        await Expect(watcher.ActionWrapper("pause")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("Paused"));
        await Expect(watcher.Timeline.First).ToContainTextAsync("latency dashboards look odd");
        // A watched page changes in place: nothing below the stages moves, and buttons switch state without easing
        // (a moved or eased page is repainted, which fifty screens pay for on every change).
        Assert.Equal(controlsTop, await watcher.TopOfAsync(watcher.Controls));
        Assert.Equal("0s", await watcher.TransitionOfAsync(watcher.Action("resume")));
        await Screenshots.SaveAsync(watcher.Page, "rollout-paused-seen-by-second-browser");

        var audit = (await Api.GetAsync($"/api/rollouts/{id}/audit")).AsArray();
        Assert.Equal(DashboardUsers.Lead.Name, (string?)audit.Last()!["actor"]);
    }

    [Fact]
    public async Task Confirm_Cancelled_ChangesNothing()
    {
        var id = await Api.StartRolloutAsync("3.2.0", "ranking-b", DashboardApi.Stage(10, "01:00:00"));
        var page = new RolloutPage(await Browser.NewPageAsync(App.BaseAddress));
        await page.OpenRolloutAsync(id);
        await page.Action("rollback").ClickAsync();
        await page.Page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page.State).ToHaveTextAsync("Running");
        Assert.Equal("Running", (string?)(await Api.GetAsync($"/api/rollouts/{id}"))["state"]);
    }

    [Fact]
    public async Task KillSwitch_ActivatedFromTheUi_SendsFlagsToBaselineAndShowsEverywhere()
    {
        await Api.StartRolloutAsync("3.3.0", "ranking-c", DashboardApi.Stage(25, "01:00:00"));
        var overview = new OverviewPage(await Browser.NewPageAsync(App.BaseAddress));
        await overview.OpenAsync();
        var wall = new WallPage(await Browser.NewPageAsync(App.BaseAddress, width: 1920, height: 1080));
        await wall.OpenAsync();
        await Expect(wall.KillSwitch).ToHaveTextAsync("Kill switch off");

        await overview.Page.GetByTestId("killswitch-toggle-manual_emergency").ClickAsync();
        await overview.ConfirmAsync(DashboardUsers.Lead.Name, "search returns garbage");

        await Expect(overview.Page.GetByTestId("killswitch-manual_emergency")).ToHaveAttributeAsync("data-active", "true");
        await Expect(overview.Page.GetByTestId("killswitch-badge")).ToContainTextAsync("KILL SWITCH ON");
        await Expect(wall.KillSwitch).ToContainTextAsync("KILL SWITCH ON", new() { Timeout = 1000 });
        await Expect(wall.Alerts.First).ToHaveAttributeAsync("data-severity", "Critical", new() { Timeout = 1000 });
        await Expect(wall.Alerts.First).ToContainTextAsync("manual_emergency");
        var flag = await Api.GetAsync("/api/flags/ranking-c");
        Assert.True((bool)flag["killSwitch"]!);
        Assert.Equal(0m, (decimal?)flag["percent"]);
        await Screenshots.SaveAsync(wall.Page, "wall-kill-switch-on");
        await Screenshots.SaveAsync(overview.Page, "overview-kill-switch-on");
    }

    [Fact]
    public async Task ReleasesPage_CreateReleaseWithLiveJsonCheck_ThenStartARollout()
    {
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/releases");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.connection === 'connected'");
        await page.GetByTestId("release-version").FillAsync("4.0.0");
        await page.GetByTestId("release-config").FillAsync("{\"ranker\": ");
        await Expect(page.GetByTestId("release-config-error")).ToContainTextAsync("Not valid JSON");
        await Expect(page.GetByTestId("release-create")).ToBeDisabledAsync();
        await page.GetByTestId("release-config").FillAsync("{\"ranker\": \"bm25\", \"k1\": 1.2}");
        await Expect(page.GetByTestId("release-fingerprint-preview")).ToContainTextAsync("sha256:");
        await page.GetByTestId("release-create").ClickAsync();
        await Expect(page.GetByTestId("release-fingerprint").First).ToContainTextAsync("sha256:");

        await page.GetByTestId("start-release").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "4.0.0" }).ClickAsync();
        await page.GetByTestId("start-flag").FillAsync("new-ranker");
        await Screenshots.SaveAsync(page, "releases");
        await page.GetByTestId("start-submit").ClickAsync();
        await page.WaitForURLAsync("**/rollouts/**");
        var rollout = new RolloutPage(page);
        await Expect(rollout.State).ToHaveTextAsync("Running");
        await Expect(rollout.Stage).ToHaveTextAsync("1 of 3");
        var release = await Api.GetAsync("/api/releases/4.0.0");
        Assert.StartsWith("sha256:", (string?)release["fingerprint"]);
    }
}
