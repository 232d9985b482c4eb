using System.Net;
using System.Net.Sockets;
using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

/// <summary>
/// Stopping the dashboard mid-demo, with a page open, a flag stream listening and a webhook receiver that never
/// answers: it stops in well under five seconds, and nothing automatic happens while it stops.
/// </summary>
[Collection("browser")]
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_DuringTheDemo_StopsWithinFiveSecondsAndActsOnNothingWhileStopping()
    {
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var settings = DemoSettings.Fast("00:00:04");
        settings["Sentinel__Interval"] = "00:00:01";
        settings["Sentinel__TrippedInterval"] = "00:00:01";
        settings["Webhooks__Endpoints__hang__Url"] = $"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}/hook";
        settings["Webhooks__Endpoints__hang__Secret"] = "0123456789abcdef0123";
        settings["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        settings["Logging__LogLevel__Lens"] = "Information";
        await using var app = new DashboardProcess(settings);
        await app.StartAsync();
        using (var api = new DashboardApi(app.BaseAddress))
        {
            await api.WaitForAsync("/api/rollouts?state=Running", r => r.AsArray().Count > 0, TimeSpan.FromSeconds(30), "the demo rollout");
            await api.WaitForAsync("/api/sentinel", s => (int?)s["runs24h"] > 0, TimeSpan.FromSeconds(30), "a sentinel round");
            // A webhook attempt now hangs on the receiver that never answers.
            await api.PostAsync("/api/alerts", new { severity = "HIGH", title = "Webhook in flight at shutdown", actor = "test" });
        }
        await using var browser = await BrowserSession.LaunchAsync();
        var page = new RolloutPage(await browser.NewPageAsync(app.BaseAddress));
        await page.OpenAsync("/");
        using var stream = new HttpClient { BaseAddress = app.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var listening = await stream.GetAsync("/api/flags/stream", HttpCompletionOption.ResponseHeadersRead);
        await Task.Delay(1500);

        var took = await app.StopAsync(TimeSpan.FromSeconds(15));

        Assert.True(took < TimeSpan.FromSeconds(5), $"stopping took {took.TotalSeconds:0.0} s");
        var log = app.Log;
        var stopping = log.IndexOf("Application is shutting down", StringComparison.Ordinal);
        Assert.True(stopping >= 0, "the host logged that it was stopping");
        var afterStop = log[stopping..];
        Assert.DoesNotContain("tripping", afterStop);
        Assert.DoesNotContain("AutoAdvance", afterStop);
        Assert.DoesNotContain("AutoRollback", afterStop);

        // Started again, it finds no trouble it invented while stopping.
        await app.StartAsync();
        using var after = new DashboardApi(app.BaseAddress);
        var critical = (await after.GetAsync("/api/alerts?state=open&severity=CRITICAL")).AsArray();
        Assert.Empty(critical);
        var switches = (await after.GetAsync("/api/killswitch")).AsArray();
        Assert.All(switches, s => Assert.False((bool)s!["active"]!, $"{s!["name"]} is active"));
    }
}
