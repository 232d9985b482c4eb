using Bunit;
using Lens.Dashboard.Ui.Charts;

namespace Lens.Dashboard.Tests.Components;

public sealed class TimeChartTests : ComponentTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TimeChart_NoData_SaysWaitingForDataInsteadOfDrawingAxes()
    {
        var spec = new ChartSpec("Error rate", "%", [new ChartLine("Candidate", ChartColors.Candidate, [])]);

        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        Assert.Contains("Waiting for data", cut.Find("[data-testid=chart-empty]").TextContent);
        Assert.Empty(cut.FindAll(".mud-chart"));
    }

    [Fact]
    public void TimeChart_WithData_DrawsEachLineItsLimitAndItsEvents()
    {
        var points = Enumerable.Range(0, 12).Select(i => new ChartPoint(T0.AddSeconds(5 * i), i % 3)).ToList();
        var spec = new ChartSpec("Error rate", "%", [new ChartLine("Candidate", ChartColors.Candidate, points)],
            [new ChartThreshold("error-rate limit 5%", 5)], [new ChartEvent(T0.AddSeconds(30), "‖ paused by ann", ChartEventKind.Paused)]);

        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("path.mud-chart-line").Count));
        var legend = cut.Find(".mud-chart-legend").TextContent;
        Assert.Contains("Candidate", legend);
        Assert.Contains("error-rate limit 5%", legend);
        Assert.Contains("paused by ann", legend);
        Assert.Equal("12", cut.Find("[data-testid=chart]").GetAttribute("data-points"));
    }

    [Fact]
    public void TimeChart_EventAfterTheLastBucket_IsDrawnAndOneBeforeTheDataIsNot()
    {
        // An automatic rollback is recorded after the bucket that caused it; an old kill switch predates the data.
        var points = Enumerable.Range(0, 4).Select(i => new ChartPoint(T0.AddSeconds(5 * i), 1)).ToList();
        var spec = new ChartSpec("Error rate", "%", [new ChartLine("Candidate", ChartColors.Candidate, points)], null,
            [new ChartEvent(T0.AddHours(-3), "kill switch off (manual_emergency)", ChartEventKind.KillSwitchOff),
             new ChartEvent(T0.AddSeconds(17), "× rolled back", ChartEventKind.RolledBack)]);

        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("path.mud-chart-line").Count));
        var legend = cut.Find(".mud-chart-legend").TextContent;
        Assert.Contains("rolled back", legend);
        Assert.DoesNotContain("kill switch off", legend);
        Assert.DoesNotContain("08:", cut.Markup);
    }

    [Fact]
    public void TimeChart_ValuesWithinOneSecond_StillDrawsEveryLineAndTheLegend()
    {
        // Observations posted in a burst (a test, a backfill) share a second; the chart must not come out blank.
        var points = Enumerable.Range(0, 14).Select(i => new ChartPoint(T0.AddMilliseconds(20 * i), 0.7 - i * 0.005)).ToList();
        var spec = new ChartSpec("bench.recall_at_50", "bench.recall_at_50", [new ChartLine("value", ChartColors.Candidate, points)],
            [new ChartThreshold("μ₀ = 0.71", 0.71, ChartColors.Reference)], YMin: null);

        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("path.mud-chart-line").Count));
        Assert.Contains("value", cut.Find(".mud-chart-legend").TextContent);
    }

    [Fact]
    public void TimeChart_OnePointALine_DrawsThePointsAsDots()
    {
        // The sentinel's first round: one latency per probe, which as a line would draw nothing.
        var spec = new ChartSpec("Probe latency", "ms",
            [new ChartLine("'class'", ChartColors.Distinct[0], [new ChartPoint(T0, 19)]), new ChartLine("'def'", ChartColors.Distinct[1], [new ChartPoint(T0, 15)])]);

        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("circle.mud-chart-point:not([opacity])").Count));
    }

    [Fact]
    public void TimeChart_ManyPointsALine_DrawsNoDots()
    {
        var points = Enumerable.Range(0, 12).Select(i => new ChartPoint(T0.AddSeconds(5 * i), i)).ToList();
        var spec = new ChartSpec("Traffic", "requests/s", [new ChartLine("Candidate", ChartColors.Candidate, points)]);

        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("path.mud-chart-line")));
        Assert.Empty(cut.FindAll("circle.mud-chart-point:not([opacity])"));
    }

    [Fact]
    public void Tooltip_OnTheSecondOfTwoLikeEvents_NamesThatEvent()
    {
        // Both pauses share a colour: the tooltip must still say which one is under the pointer.
        var points = Enumerable.Range(0, 12).Select(i => new ChartPoint(T0.AddSeconds(5 * i), 1)).ToList();
        var spec = new ChartSpec("Error rate", "%", [new ChartLine("Candidate", ChartColors.Candidate, points)], null,
            [new ChartEvent(T0.AddSeconds(10), "‖ paused by ann", ChartEventKind.Paused), new ChartEvent(T0.AddSeconds(40), "‖ paused by bo", ChartEventKind.Paused)]);
        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));
        var paused = ChartColors.EventLine(ChartEventKind.Paused);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll($"circle.mud-chart-point[opacity][stroke='{paused}']").Count));

        cut.FindAll($"circle.mud-chart-point[opacity][stroke='{paused}']")[2].MouseOver();

        cut.WaitForAssertion(() => Assert.Contains("paused by bo · 09:00:40 UTC", cut.Markup));
        Assert.DoesNotContain("paused by ann ·", cut.Markup);
    }
}
