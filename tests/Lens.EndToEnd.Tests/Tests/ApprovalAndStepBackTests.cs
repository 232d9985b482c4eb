using Lens.EndToEnd.Tests.Infrastructure;
using Lens.EndToEnd.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Lens.EndToEnd.Tests.Tests;

[Collection("browser")]
public sealed class ApprovalAndStepBackTests : DashboardBrowserTest
{
    [Fact]
    public async Task Approve_StageWaitingForALead_AdvancesThenStepBackReturnsToTheFirstShare()
    {
        var gates = new { maxErrorRate = 0.05, minSamples = 10, gauges = new[] { new { name = "memory_mb", max = 1024.0, minSamples = 1 } } };
        var id = await Api.StartRolloutAsync("5.1.0", "approval-ranking",
            new { percent = 10, minDuration = "00:00:01", approval = "lead", gates },
            new { percent = 50, minDuration = "01:00:00", gates },
            DashboardApi.Stage(100, "01:00:00"));
        var events = Enumerable.Range(0, 20).Select(i => new { variant = "candidate", latencyMs = 20.0 + i, ok = true }).ToArray();
        await Api.PostAsync("/api/ingest", new { flag = "approval-ranking", events, gauges = new[] { new { variant = "candidate", name = "memory_mb", value = 812.0 } } });
        var page = new RolloutPage(await Browser.NewPageAsync(App.BaseAddress));
        await page.OpenRolloutAsync(id);

        await Expect(page.WaitingFor).ToContainTextAsync("Waiting for approval by a lead", new() { Timeout = 10_000 });
        await Expect(page.Page.Locator("[data-testid='gate-tile'][data-gate='gauge.memory_mb.max']")).ToContainTextAsync("812");
        await Screenshots.SaveAsync(page.Page, "rollout-waiting-for-approval");

        await page.ActAsync("approve", DashboardUsers.Lead.Name, "dashboards look fine");
        await Expect(page.Stage).ToHaveTextAsync("2 of 3", new() { Timeout = 5_000 });
        await Expect(page.WaitingFor).ToHaveCountAsync(0);

        await page.ActAsync("stepback", DashboardUsers.Lead.Name, "p99 creeping up");
        await Expect(page.Stage).ToHaveTextAsync("1 of 3", new() { Timeout = 5_000 });
        await Expect(page.Timeline.First).ToContainTextAsync("Stepped back");
        await Expect(page.Timeline.First).ToContainTextAsync("p99 creeping up");
        await Screenshots.SaveAsync(page.Page, "rollout-stepped-back");

        var audit = (await Api.GetAsync($"/api/rollouts/{id}/audit")).AsArray().Select(a => (string)a!["action"]!).ToArray();
        Assert.Equal(["Start", "Approve", "AutoAdvance", "StepBack"], audit);
    }
}
