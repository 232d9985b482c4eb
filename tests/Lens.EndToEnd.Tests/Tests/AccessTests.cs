using System.Text.Json.Nodes;
using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

/// <summary>Who may do what, in the browser: sign-in and out, what each role sees, and a wall on a display token.</summary>
[Collection("browser")]
public sealed class AccessTests() : DashboardBrowserTest(new Dictionary<string, string> { ["Auth__RevalidationInterval"] = "00:00:01" })
{
    [Fact]
    public async Task SignIn_AskedPageThenEnterThenSignOut_LandsOnThePageAndEndsTheSession()
    {
        var id = await Api.StartRolloutAsync("5.0.0", "access-a", DashboardApi.Stage(10, "01:00:00"));
        var page = await Browser.NewAnonymousPageAsync(App.BaseAddress);

        await page.GotoAsync($"/rollouts/{id}");
        await page.WaitForURLAsync("**/signin?**");
        var signIn = new SignInPage(page);
        await Screenshots.SaveAsync(page, "signin");
        await signIn.SignInWithEnterAsync(DashboardUsers.Lead.Name, "not the password");
        await Expect(signIn.Message).ToContainTextAsync("do not match");
        await signIn.SignInWithEnterAsync(DashboardUsers.Lead.Name, E2eUser.Password);

        var rollout = new RolloutPage(page);
        await page.WaitForURLAsync($"**/rollouts/{id}");
        await rollout.WaitConnectedAsync();
        await Expect(rollout.State).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(DashboardUsers.Lead.Name);

        await page.GetByTestId("signout").ClickAsync();
        await page.WaitForURLAsync("**/signin?signedOut=1");
        await Expect(signIn.Message).ToContainTextAsync("signed out");
        await page.GotoAsync($"/rollouts/{id}");
        await page.WaitForURLAsync("**/signin?**");
    }

    [Fact]
    public async Task Viewer_RolloutAndAlertsAndReleases_SeesNoActionButtons()
    {
        var id = await Api.StartRolloutAsync("5.1.0", "access-b", DashboardApi.Stage(10, "01:00:00"));
        await Api.PostAsync("/api/alerts", new { severity = "HIGH", title = "Something to acknowledge" });
        var rollout = new RolloutPage(await Browser.NewPageAsync(App.BaseAddress, user: DashboardUsers.Viewer));

        await rollout.OpenRolloutAsync(id);
        await Expect(rollout.State).ToHaveTextAsync("Running");
        await Expect(rollout.Page.GetByTestId("why-panel").Or(rollout.Page.GetByTestId("gate-tile")).First).ToBeVisibleAsync();
        await Expect(rollout.Controls).ToHaveCountAsync(0);
        await Expect(rollout.Action("pause")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(rollout.Page, "viewer-rollout");

        var alerts = new AlertsPage(rollout.Page);
        await alerts.OpenAsync();
        await Expect(alerts.State("Something to acknowledge")).ToHaveTextAsync("RAISED");
        await Expect(rollout.Page.GetByTestId("alert-acknowledge")).ToHaveCountAsync(0);
        await Expect(rollout.Page.GetByTestId("alerts-acknowledge-selected")).ToHaveCountAsync(0);
        await Expect(rollout.Page.Locator("[data-testid^=killswitch-toggle-]")).ToHaveCountAsync(0);

        await rollout.OpenAsync("/releases");
        await Expect(rollout.Page.GetByTestId("release-create")).ToHaveCountAsync(0);
        await Expect(rollout.Page.GetByTestId("start-submit")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ProductManager_ReleasePage_DecidesForProductOnly()
    {
        await Api.PostAsync("/api/releases", new { version = "5.2.0", config = new { ranker = "bm25" } });
        var page = new ReleasePage(await Browser.NewPageAsync(App.BaseAddress, user: DashboardUsers.ProductManager));

        await page.OpenReleaseAsync("5.2.0");
        await Expect(page.Role("product").GetByTestId("signoff-approve")).ToBeVisibleAsync();
        await Expect(page.Role("sre").GetByTestId("signoff-approve")).ToHaveCountAsync(0);
        await Expect(page.Role("engineering-lead").GetByTestId("signoff-approve")).ToHaveCountAsync(0);
        await page.DecideAsync("product", true, DashboardUsers.ProductManager.Name, "docs are out");
        await Expect(page.Decision("product")).ToContainTextAsync($"approved by {DashboardUsers.ProductManager.Name}");
        await Screenshots.SaveAsync(page.Page, "manager-signoff-own-role");

        // The API holds the same line: the same person cannot decide for sre.
        using var pam = await DashboardApi.SignedInAsync(App.BaseAddress, DashboardUsers.ProductManager);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            pam.PostAsync("/api/releases/5.2.0/decisions", new { role = "sre", approved = true, reason = "not mine" }));
        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task Wall_OpenedWithDisplayToken_RunsThenSaysSoWhenTheTokenIsRevoked()
    {
        await Api.StartRolloutAsync("5.3.0", "access-c", DashboardApi.Stage(10, "01:00:00"));
        var admin = new AccessPage(await Browser.NewPageAsync(App.BaseAddress, user: DashboardUsers.Admin));
        await admin.OpenAsync();
        var secret = await admin.CreateTokenAsync("lobby-wall", "display");
        await Screenshots.SaveAsync(admin.Page, "access-token-created");
        var page = await Browser.NewAnonymousPageAsync(App.BaseAddress, width: 1920, height: 1080);

        await Screenshots.OnFailureAsync(page, "wall-display-token", async () =>
        {
        await page.GotoAsync("/wall");
        await page.WaitForURLAsync("**/signin?**");
        await new SignInPage(page).OpenWallAsync(secret);
        await page.WaitForURLAsync("**/wall");
        var wall = new WallPage(page);
        await wall.WaitConnectedAsync();
        await Expect(wall.Rollouts.First).ToContainTextAsync("5.3.0");
        // A display session may show the wall and nothing else.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/alerts");
        await other.WaitForURLAsync("**/signin?**denied=1");
        await other.CloseAsync();

        await admin.RevokeAsync("lobby-wall", DashboardUsers.Admin.Name);

        await Expect(page.GetByTestId("signin-required-reason")).ToContainTextAsync("display token was revoked", new() { Timeout = 10_000 });
        await Screenshots.SaveAsync(page, "wall-display-token-revoked");
        });
    }

    [Fact]
    public async Task EveryPage_UnderTheContentSecurityPolicy_ReportsNoViolation()
    {
        var id = await Api.StartRolloutAsync("5.4.0", "access-d", DashboardApi.Stage(10, "01:00:00"));
        var console = new List<string>();
        var page = await Browser.NewPageAsync(App.BaseAddress, console);
        var response = await page.GotoAsync("/");
        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.False(response.Headers.ContainsKey("server"));

        foreach (var path in new[] { "/", $"/rollouts/{id}", "/releases", "/releases/5.4.0", "/releases/5.4.0/report", "/alerts", "/detectors", "/sentinel", "/wall" })
        {
            var blazor = new OverviewPage(page);
            await blazor.OpenAsync(path);
        }
        await page.GotoAsync("/signin");

        lock (console) Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal));
    }
}
