using Bunit;
using Lens.Dashboard.Features.Alerts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Components;

public sealed class AlertsPageTests : ComponentTestBase
{
    private async Task<string> RaiseAsync(string severity, string title) =>
        (string)(await (await Client.PostJsonAsync("/api/alerts", new { severity, title, actor = "test" })).JsonAsync())["id"]!;

    [Fact]
    public async Task AcknowledgeSelected_TwoOfThreeChosen_AcknowledgesThoseTwoOnly()
    {
        var first = await RaiseAsync("HIGH", "Shard 1 slow");
        var second = await RaiseAsync("HIGH", "Shard 2 slow");
        var third = await RaiseAsync("WARN", "Queue backlog");
        var (dialogs, _) = RenderProviders();
        var cut = Render<AlertsPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=alert-row]").Count));

        foreach (var id in new[] { first, second })
            cut.FindAll("tr.mud-table-row").Single(r => r.InnerHtml.Contains(id)).QuerySelector("input[type=checkbox]")!.Change(true);
        cut.WaitForAssertion(() => Assert.Contains("(2)", cut.Find("[data-testid=alerts-acknowledge-selected]").TextContent));
        cut.Find("[data-testid=alerts-acknowledge-selected]").Click();
        Answer(dialogs, "ann", "one incident: shard rebalance");

        await HttpTestExtensions.EventuallyAsync(async () => (await (await Client.GetAsync("/api/alerts?state=acknowledged")).JsonAsync()).AsArray(),
            acked => acked.Count == 2, TimeSpan.FromSeconds(5), "two alerts acknowledged");
        var raised = (await (await Client.GetAsync("/api/alerts?state=raised")).JsonAsync()).AsArray();
        Assert.Equal(third, (string?)Assert.Single(raised)!["id"]);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=alert-row][data-state=Acknowledged]").Count));
    }
}
