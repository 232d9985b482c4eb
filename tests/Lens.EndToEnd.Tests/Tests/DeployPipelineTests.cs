using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class DeployPipelineTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DashboardProcess _app = new(new Dictionary<string, string>(DemoSettings.Fast("00:00:15"))
    {
        // The demo's flag, with holds short enough that an accelerated (×720) block stage lasts 5 s.
        ["Deploy__Flag"] = "demo-search",
        ["Deploy__StageDuration"] = "01:00:00",
        ["Deploy__MinSamples"] = "100",
        ["Deploy__MaxErrorRate"] = "0.05",
        ["Deploy__MaxP99Ms"] = "250",
        ["Deploy__MaxP99ToP95"] = "4",
    });
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
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task StartFromThePage_WatchPhasesAdvance_ThenAbort()
    {
        var page = await _browser.NewPageAsync(_app.BaseAddress, _console);
        var deploy = new DeployPage(page);
        await deploy.OpenListAsync();

        await deploy.StartAsync("demo-e2e", skipBench: true);

        await Expect(deploy.Phase("TagFreeze")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 15_000 });
        await Expect(deploy.Phase("FinalBench")).ToHaveAttributeAsync("data-state", "Skipped");
        await Expect(deploy.Phase("CanaryA")).ToHaveAttributeAsync("data-state", "Running", new() { Timeout = 15_000 });
        await Expect(deploy.Waiting).ToContainTextAsync("block A stage");
        await Screenshots.SaveAsync(page, "deploy-block-a");
        // No reload: block A finishing and block B starting reach the page because the server pushes them.
        await Expect(deploy.Phase("CanaryA")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 90_000 });
        await Expect(deploy.Phase("CanaryB")).ToHaveAttributeAsync("data-state", "Running");
        await Screenshots.SaveAsync(page, "deploy-block-b");

        await deploy.AbortAsync("browser test stops here");

        await Expect(deploy.State).ToHaveTextAsync("Aborted", new() { Timeout = 10_000 });
        await Expect(deploy.Phase("CanaryB")).ToHaveAttributeAsync("data-state", "Aborted");
        await Expect(deploy.Cause).ToContainTextAsync("browser test stops here");
        await Expect(page.GetByTestId("deploy-report-failure")).ToHaveTextAsync("Failure report (JSON)");
        await Screenshots.SaveAsync(page, "deploy-aborted");
        Assert.DoesNotContain(_console, m => m.StartsWith("pageerror", StringComparison.Ordinal));
    }
}
