using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Dashboard.Components.Pages.Rollouts;
using Lens.Dashboard.Components.Shared;

namespace Lens.Dashboard.Tests.Components;

public class RolloutComponentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static Rollout RunningRollout(int promotions = 0)
    {
        var gates = new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 100);
        var rollout = Rollout.Create("f", "2.0.0", [new(1m, TimeSpan.FromMinutes(10), gates), new(10m, TimeSpan.FromMinutes(10), gates), new(100m, TimeSpan.FromHours(1), gates)], null, T0);
        rollout.Start("lead", "go", T0);
        for (var i = 0; i < promotions; i++) rollout.Promote(i, "lead", "next", T0);
        return rollout;
    }

    [Fact]
    public async Task GateTiles_EachVerdict_RendersValueThresholdSamplesAndItsColor()
    {
        var doc = await ComponentHtml.RenderAsync<GateTiles>(new()
        {
            ["Verdicts"] = new GateVerdict[]
            {
                new(GateNames.ErrorRate, Verdict.Fail, 0.025, 0.01, 400),
                new(GateNames.P99Latency, Verdict.Pass, 150, 200, 400),
                new(GateNames.P99ToP95, Verdict.InsufficientData, 1.2, 2, 40),
            },
            ["MinSamples"] = 100,
        });
        var tiles = doc.QuerySelectorAll("[data-testid=gate-tile]");
        Assert.Equal(3, tiles.Length);
        Assert.Contains("verdict-tile-Fail", tiles[0].ClassName);
        Assert.Equal("2.5%", tiles[0].QuerySelector(".tile-value")!.TextContent.Trim());
        Assert.Contains("limit 1%", tiles[0].TextContent);
        Assert.Contains("400 samples", tiles[0].TextContent);
        Assert.Contains("verdict-tile-Pass", tiles[1].ClassName);
        Assert.Equal("150 ms", tiles[1].QuerySelector(".tile-value")!.TextContent.Trim());
        Assert.Contains("verdict-tile-InsufficientData", tiles[2].ClassName);
        Assert.Equal("Insufficient data", tiles[2].QuerySelector(".verdict")!.TextContent);
    }

    [Fact]
    public async Task GateTiles_NoVerdictYet_SaysSo()
    {
        var doc = await ComponentHtml.RenderAsync<GateTiles>(new() { ["Verdicts"] = Array.Empty<GateVerdict>() });
        Assert.Empty(doc.QuerySelectorAll("[data-testid=gate-tile]"));
        Assert.Contains("No verdict yet", doc.Body!.TextContent);
    }

    [Fact]
    public async Task StageProgress_SecondStage_MarksDoneCurrentAndTimeLeft()
    {
        var doc = await ComponentHtml.RenderAsync<StageProgress>(new() { ["Rollout"] = RunningRollout(promotions: 1), ["Now"] = T0.AddMinutes(4) });
        var stages = doc.QuerySelectorAll(".stage-bar .stage");
        Assert.Equal(3, stages.Length);
        Assert.Contains("done", stages[0].ClassList);
        Assert.Contains("current", stages[1].ClassList);
        Assert.Equal("true", stages[1].GetAttribute("data-current"));
        Assert.DoesNotContain("current", stages[2].ClassList);
        Assert.Equal("6m 00s before it may advance", doc.QuerySelector("[data-testid=time-left]")!.TextContent);
        Assert.Equal("10%", stages[1].QuerySelector(".pct")!.TextContent);
    }

    [Fact]
    public async Task StageProgress_RolledBack_MarksTheStageItFailedIn()
    {
        var rollout = RunningRollout(promotions: 1);
        rollout.Rollback("lead", "bad", T0.AddMinutes(1));
        var doc = await ComponentHtml.RenderAsync<StageProgress>(new() { ["Rollout"] = rollout, ["Now"] = T0.AddMinutes(2) });
        var stages = doc.QuerySelectorAll(".stage-bar .stage");
        Assert.Contains("done", stages[0].ClassList);
        Assert.Contains("failed", stages[1].ClassList);
        Assert.Null(doc.QuerySelector("[data-testid=time-left]"));
    }

    [Fact]
    public async Task ServedShare_ServicesBehindTheFlag_WarnsOfTheGap()
    {
        var window = new WindowMetrics(new VariantMetrics(990, 0, 1, 2, 3), new VariantMetrics(10, 0, 1, 2, 3));
        var doc = await ComponentHtml.RenderAsync<ServedShare>(new() { ["Window"] = window, ["Intended"] = 25m });
        Assert.Equal("25%", doc.QuerySelector("[data-testid=intended-percent]")!.TextContent);
        Assert.Equal("1%", doc.QuerySelector("[data-testid=actual-percent]")!.TextContent);
        Assert.NotNull(doc.QuerySelector("[data-testid=share-mismatch]"));
    }

    [Theory]
    [InlineData(750, 250, 25)]   // on target
    [InlineData(60, 40, 25)]     // off, but too little traffic to tell
    public async Task ServedShare_OnTargetOrTooLittleTraffic_DoesNotWarn(long baseline, long candidate, double intended)
    {
        var window = new WindowMetrics(new VariantMetrics(baseline, 0, 1, 2, 3), new VariantMetrics(candidate, 0, 1, 2, 3));
        var doc = await ComponentHtml.RenderAsync<ServedShare>(new() { ["Window"] = window, ["Intended"] = (decimal)intended });
        Assert.Null(doc.QuerySelector("[data-testid=share-mismatch]"));
    }

    [Fact]
    public async Task VerdictBadge_WithoutVerdict_ReadsNoVerdictYet()
    {
        var doc = await ComponentHtml.RenderAsync<VerdictBadge>(new() { ["Verdict"] = null });
        Assert.Equal("No verdict yet", doc.QuerySelector(".verdict")!.TextContent);
        Assert.Contains("verdict-None", doc.QuerySelector(".verdict")!.ClassName);
    }
}

public class WhyPanelTests
{
    [Fact]
    public async Task WhyPanel_AfterAutomaticRollback_ShowsGateValueThresholdSamplesAndRule()
    {
        var t0 = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var rollout = Rollout.Create("f", "2.0.0", [new(5m, TimeSpan.FromMinutes(1), new StageGates(MaxErrorRate: 0.01, MinSamples: 100))], null, t0);
        rollout.Start("lead", "go", t0);
        var transition = rollout.RecordEvaluation([new GateVerdict(GateNames.ErrorRate, Verdict.Fail, 0.08, 0.01, 250)], t0.AddSeconds(30))!;

        var doc = await ComponentHtml.RenderAsync<WhyPanel>(new() { ["Entry"] = Lens.Dashboard.Persistence.AuditEntry.For(transition) });

        var panel = doc.QuerySelector("[data-testid=why-panel]")!;
        Assert.Equal("AutoRollback", panel.GetAttribute("data-action"));
        Assert.Contains("automatic rollback", panel.QuerySelector("h2")!.TextContent);
        var row = panel.QuerySelector("[data-testid=why-verdict][data-gate=error_rate]")!;
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["Error rate", "8%", "1%", "250", "Fail"], cells[..5]);
        Assert.Contains("above its limit", cells[5]);
    }

    [Fact]
    public async Task WhyPanel_WithoutAutomaticAction_RendersNothing()
    {
        var doc = await ComponentHtml.RenderAsync<WhyPanel>(new() { ["Entry"] = null });
        Assert.Null(doc.QuerySelector("[data-testid=why-panel]"));
    }
}
