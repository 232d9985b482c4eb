using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class DemoRolloutTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Stages of 15 s: on a loaded two-core machine the page can take longer than a 6-s stage to open.
    private readonly DashboardProcess _app = new(DemoSettings.Fast("00:00:15"));
    private static readonly decimal[] DemoPercents = [5, 25, 50, 100];
    private BrowserSession _browser = default!;
    private readonly List<string> _console = [];

    public async ValueTask InitializeAsync()
    {
        await _app.StartAsync();
        _browser = await BrowserSession.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_console) foreach (var line in _console) output.WriteLine("browser " + line);
        output.WriteLine(_app.Log);
        try { using var api = new DashboardApi(_app.BaseAddress); output.WriteLine((await api.GetAsync("/api/rollouts")).ToJsonString()); } catch (Exception ex) { output.WriteLine(ex.Message); }
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Overview_OpenDemoRollout_WatchItAdvanceAStage()
    {
        var page = await _browser.NewPageAsync(_app.BaseAddress, _console);
        var overview = new OverviewPage(page);
        await overview.OpenAsync();
        await Expect(overview.RolloutLinks.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "overview");

        var rollout = await overview.OpenRolloutAsync("demo-1.0.0");
        // Whichever stage the page opens on, it must move to the next one while we watch.
        await Expect(rollout.Stage).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[123] of 4$"));
        var opened = int.Parse((await rollout.Stage.InnerTextAsync()).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await Expect(rollout.Page.GetByTestId($"stage-{opened - 1}")).ToHaveAttributeAsync("data-current", "true");

        // No reload: the stage changes because the server pushes it.
        var next = opened + 1;
        await Expect(rollout.Stage).ToHaveTextAsync($"{next} of 4", new() { Timeout = 45_000 });
        await Expect(rollout.Page.GetByTestId($"stage-{next - 1}")).ToHaveAttributeAsync("data-current", "true");
        await Expect(rollout.WhyPanel).ToHaveAttributeAsync("data-action", "AutoAdvance");
        var percent = DemoPercents[next - 1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(rollout.Page.GetByTestId("intended-percent")).ToHaveTextAsync($"{percent}%");
        await Expect(rollout.GateTiles.First).ToBeVisibleAsync();
        // The candidate p99 line (its colour is the chart palette's darkest blue) has at least one drawn segment.
        await Expect(rollout.Page.Locator("[data-testid='chart-latency'] path.mud-chart-line[stroke='#0d47a1']")).ToHaveAttributeAsync("d", new System.Text.RegularExpressions.Regex(" L "), new() { Timeout = 15_000 });
        // And the stage change that just happened is drawn on it, named in its legend.
        await Expect(rollout.Page.Locator("[data-testid='chart-latency'] .mud-chart-legend")).ToContainTextAsync($"stage {next} ({percent}%)");
        await Screenshots.SaveAsync(page, "rollout-detail");
        Assert.DoesNotContain(_console, m => m.StartsWith("pageerror", StringComparison.Ordinal) || m.StartsWith("error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InjectFault_OnDemoCandidate_RollsBackByItselfAndExplainsWhy()
    {
        var page = await _browser.NewPageAsync(_app.BaseAddress, _console);
        var overview = new OverviewPage(page);
        await overview.OpenAsync();
        await Expect(overview.RolloutLinks.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var rollout = await overview.OpenRolloutAsync("demo-1.0.0");

        await Screenshots.OnFailureAsync(page, "inject-fault", async () =>
        {
        await rollout.InjectFaultsAsync(errorPercent: 40);

        await Expect(rollout.State).ToHaveTextAsync("Rolled back", new() { Timeout = 30_000 });
        await Expect(rollout.WhyPanel).ToHaveAttributeAsync("data-action", "AutoRollback");
        var why = await rollout.Page.GetByTestId("why-reason").InnerTextAsync();
        Assert.Contains("Error rate", why);
        Assert.Contains("samples", why);
        await Expect(rollout.Page.Locator("[data-testid='why-verdict'][data-gate='error_rate']")).ToContainTextAsync("Fail");
        await Expect(rollout.ActionWrapper("promote")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("RolledBack"));
        await Expect(rollout.Action("promote")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "rollout-rolled-back");
        });

        using var api = new DashboardApi(_app.BaseAddress);
        Assert.Equal(0m, (decimal?)(await api.GetAsync("/api/flags/demo-search"))["percent"]);
    }
}
