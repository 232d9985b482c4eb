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
            [new ChartThreshold("error-rate limit 5%", 5)], [new ChartEvent(T0.AddSeconds(30), "⏸ paused by ann", ChartEventKind.Paused)]);

        var cut = Render<TimeChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("path.mud-chart-line").Count));
        var legend = cut.Find(".mud-chart-legend").TextContent;
        Assert.Contains("Candidate", legend);
        Assert.Contains("error-rate limit 5%", legend);
        Assert.Contains("paused by ann", legend);
        Assert.Equal("12", cut.Find("[data-testid=chart]").GetAttribute("data-points"));
    }
}
