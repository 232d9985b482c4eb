using System.Net;
using Bunit;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Tests.Components;

/// <summary>The /calibration page over the real app: the τ history, what services are told, and a lead's controls.</summary>
public sealed class CalibrationPageTests : ComponentTestBase, IAsyncLifetime
{
    private const string Flag = "search-ranking";

    protected override IEnumerable<Type> SharedSingletons =>
        [.. base.SharedSingletons, typeof(CalibrationReadModel), typeof(CalibrationControls), typeof(IOptions<CalibrationOptions>)];

    public async ValueTask InitializeAsync()
    {
        var scheduler = await App.Get<ISchedulerFactory>().GetScheduler();
        await scheduler.PauseJob(JobSchedule.KeyOf<DailyCalibrationJob>());
    }

    public new ValueTask DisposeAsync() => base.DisposeAsync();

    private async Task CloseDayAsync(ImpressionDayBuilder day)
    {
        using var service = App.CreateClientAs("service");
        await day.SendAsync(service, Flag);
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/calibration/run", null)).StatusCode);
    }

    [Fact]
    public async Task Page_AfterThreeClosedDays_ShowsTheAppliedTauTheOnesInHoldoutAndTheClosedDays()
    {
        for (var d = 1; d <= 3; d++) await CloseDayAsync(new ImpressionDayBuilder(d));

        var page = Render<CalibrationPage>();

        page.WaitForAssertion(() => Assert.Equal(["Holdout", "Holdout", "Applied"],
            page.FindAll("[data-testid=calibration-history-row]").Select(r => r.GetAttribute("data-status"))));
        Assert.Contains("fitted on 2026-11-22, applied 2026-11-25", page.Find("[data-testid=calibration-published]").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=calibration-days] tbody tr").Count);
        Assert.Contains("2026-11-24: not judged (baseline forming)", page.Find("[data-testid=calibration-drift]").TextContent);
        Assert.Equal("LTR fallback off", page.Find("[data-testid=calibration-fallback]").TextContent.Trim());
    }

    [Fact]
    public async Task SetTau_ByALeadWithAReason_PublishesItAndTheHistoryShowsWhoAndWhy()
    {
        await CloseDayAsync(new ImpressionDayBuilder(1));
        var (dialogs, _) = RenderProviders();
        var page = Render<CalibrationPage>();
        page.WaitForElement("[data-testid=calibration-history-row]");

        page.Find("input[data-testid=calibration-tau-input]").Change("0.35");
        page.Find("[data-testid=calibration-tau-set]").Click();
        Answer(dialogs, DefaultUser, "too many weak results in Go repositories");

        page.WaitForAssertion(() => Assert.Contains("τ 0.35 (set by ann on 2026-11-23)", page.Find("[data-testid=calibration-published]").TextContent));
        var flag = await (await Client.GetAsync($"/api/flags/{Flag}")).JsonAsync();
        Assert.Equal(0.35, (double)flag["parameters"]!["tau"]!);
        Assert.Contains("too many weak results in Go repositories", page.Find("[data-testid=calibration-history-row][data-status=Applied]").TextContent);
    }

    [Fact]
    public async Task ClearFallback_OnAFlagInFallback_TurnsItOffForServices()
    {
        await CloseDayAsync(new ImpressionDayBuilder(1));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonAsync($"/api/calibration/{Flag}/fallback", new { active = true, reason = "ranker drill" })).StatusCode);
        var (dialogs, _) = RenderProviders();
        var page = Render<CalibrationPage>();
        page.WaitForAssertion(() => Assert.Equal("LTR FALLBACK ON", page.Find("[data-testid=calibration-fallback]").TextContent.Trim()));

        page.Find("[data-testid=calibration-fallback-toggle]").Click();
        Answer(dialogs, DefaultUser, "drill over");

        page.WaitForAssertion(() => Assert.Equal("LTR fallback off", page.Find("[data-testid=calibration-fallback]").TextContent.Trim()));
        Assert.False((bool)(await (await Client.GetAsync($"/api/flags/{Flag}")).JsonAsync())["parameters"]!["ltrFallback"]!);
    }

    [Fact]
    public async Task Page_AsAViewer_ShowsNoControls()
    {
        await CloseDayAsync(new ImpressionDayBuilder(1));
        SignInAs("val", "viewer");

        var page = Render<CalibrationPage>();

        page.WaitForElement("[data-testid=calibration-history-row]");
        Assert.Empty(page.FindAll("[data-testid=calibration-tau-set]"));
        Assert.Empty(page.FindAll("[data-testid=calibration-fallback-toggle]"));
    }
}
