using Bunit;
using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Ui;
using MudBlazor.Services;

namespace Lens.Dashboard.Tests.Components;

/// <summary>The rollout page's parts, rendered alone: what they say for each state of a rollout.</summary>
public sealed class RolloutComponentTests : BunitContext
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public RolloutComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static Rollout RunningRollout(int promotions = 0)
    {
        var gates = new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MaxP99ToP95: 2, MinSamples: 100, FailureLimit: 3);
        var rollout = Rollout.Create("f", "2.0.0", [new(1m, TimeSpan.FromMinutes(10), gates), new(10m, TimeSpan.FromMinutes(10), gates), new(100m, TimeSpan.FromHours(1), gates)], null, T0);
        rollout.Start("lead", "go", T0);
        for (var i = 0; i < promotions; i++) rollout.Promote(i, "lead", "next", T0);
        return rollout;
    }

    private static GateVerdict[] MixedVerdicts() =>
    [
        new(GateNames.ErrorRate, Verdict.Fail, 0.025, 0.01, 400),
        new(GateNames.P99Latency, Verdict.Pass, 150, 200, 400),
        new(GateNames.P99ToP95, Verdict.InsufficientData, 1.2, 2, 40),
    ];

    [Fact]
    public void GateTiles_EachVerdict_RendersValueLimitSamplesAndItsColour()
    {
        var rollout = RunningRollout();
        rollout.RecordEvaluation(MixedVerdicts(), T0.AddMinutes(1));

        var cut = Render<GateTiles>(p => p.Add(c => c.Rollout, rollout));

        var tiles = cut.FindAll("[data-testid=gate-tile]");
        Assert.Equal(3, tiles.Count);
        Assert.Contains("lens-tile-Fail", tiles[0].ClassName);
        Assert.Equal("2.5%", tiles[0].QuerySelector(".lens-tile-value")!.TextContent.Trim());
        Assert.Contains("limit 1%", tiles[0].TextContent);
        Assert.Equal("400", tiles[0].QuerySelector("[data-testid=gate-samples]")!.TextContent);
        Assert.Contains("lens-tile-Pass", tiles[1].ClassName);
        Assert.Equal("150 ms", tiles[1].QuerySelector(".lens-tile-value")!.TextContent.Trim());
        Assert.Contains("lens-tile-InsufficientData", tiles[2].ClassName);
        Assert.Contains("Insufficient data", tiles[2].TextContent);
        Assert.Contains("Live verdicts on stage 1", cut.Find("[data-testid=gate-context]").TextContent);
    }

    [Fact]
    public void GateTiles_AfterPause_SayTheyAreTheLastVerdictsBeforeThePause()
    {
        var rollout = RunningRollout();
        rollout.RecordEvaluation(MixedVerdicts(), T0.AddMinutes(1));
        rollout.Pause("lead", "look", T0.AddMinutes(2));

        var cut = Render<GateTiles>(p => p.Add(c => c.Rollout, rollout));

        Assert.Contains("last verdicts before the pause", cut.Find("[data-testid=gate-context]").TextContent);
        Assert.NotNull(cut.Find(".lens-tiles-stale"));
    }

    [Fact]
    public void GateTiles_AfterPromoteToTheNextStage_ShowNoOldCounts()
    {
        var rollout = RunningRollout();
        rollout.RecordEvaluation(MixedVerdicts(), T0.AddMinutes(1));
        rollout.Promote(0, "lead", "looks good", T0.AddMinutes(2));

        var cut = Render<GateTiles>(p => p.Add(c => c.Rollout, rollout));

        Assert.Empty(cut.FindAll("[data-testid=gate-tile]"));
        Assert.Contains("No verdict yet on stage 2", cut.Markup);
    }

    [Fact]
    public void StageProgress_SecondStage_MarksDoneCurrentAndTimeLeft()
    {
        var cut = Render<StageProgress>(p => p.Add(c => c.Rollout, RunningRollout(promotions: 1)).Add(c => c.Now, T0.AddMinutes(4)));

        var stages = cut.FindAll(".lens-stage");
        Assert.Equal(3, stages.Count);
        Assert.Contains("done", stages[0].ClassList);
        Assert.Contains("current", stages[1].ClassList);
        Assert.Equal("true", stages[1].GetAttribute("data-current"));
        Assert.DoesNotContain("current", stages[2].ClassList);
        Assert.Equal("6 min before it may advance", cut.Find("[data-testid=time-left]").TextContent);
        Assert.Equal("10%", stages[1].QuerySelector(".lens-stage-percent")!.TextContent);
    }

    [Fact]
    public void StageProgress_RolledBack_MarksTheStageItFailedIn()
    {
        var rollout = RunningRollout(promotions: 1);
        rollout.Rollback("lead", "bad", T0.AddMinutes(1));

        var cut = Render<StageProgress>(p => p.Add(c => c.Rollout, rollout).Add(c => c.Now, T0.AddMinutes(2)));

        var stages = cut.FindAll(".lens-stage");
        Assert.Contains("done", stages[0].ClassList);
        Assert.Contains("failed", stages[1].ClassList);
        Assert.Empty(cut.FindAll("[data-testid=time-left]"));
    }

    private static RolloutDetail Detail(long baseline, long candidate, decimal intended, bool killSwitch = false)
    {
        var rollout = RunningRollout();
        var window = new WindowMetrics(new VariantMetrics(baseline, 0, 1, 2, 3), new VariantMetrics(candidate, 0, 1, 2, 3));
        var ratio = killSwitch ? null : SampleRatioCheck.Judge(baseline, candidate, intended);
        return new RolloutDetail(rollout, window, [], [], null, killSwitch ? ["manual_emergency"] : [], killSwitch ? 0m : intended, ratio, T0);
    }

    [Fact]
    public void ServedShare_ServicesFarFromTheFlag_WarnsOfASampleRatioMismatch()
    {
        var cut = Render<ServedShare>(p => p.Add(c => c.Detail, Detail(990, 10, 25m)));

        Assert.Equal("25%", cut.Find("[data-testid=intended-percent]").TextContent);
        Assert.Equal("1%", cut.Find("[data-testid=actual-percent]").TextContent);
        Assert.Contains("Sample-ratio mismatch", cut.Find("[data-testid=srm-warning]").TextContent);
    }

    [Theory]
    [InlineData(750, 250, 25)]   // on target
    [InlineData(86, 8, 5)]       // the start of a 5% stage: 94 requests, noise (the old rule warned here)
    public void ServedShare_OnTargetOrNoise_DoesNotWarn(long baseline, long candidate, double intended)
    {
        var cut = Render<ServedShare>(p => p.Add(c => c.Detail, Detail(baseline, candidate, (decimal)intended)));

        Assert.Empty(cut.FindAll("[data-testid=srm-warning]"));
        Assert.NotNull(cut.Find("[data-testid=srm-ok]"));
    }

    [Fact]
    public void ServedShare_UnderAKillSwitch_IsSilent()
    {
        var cut = Render<ServedShare>(p => p.Add(c => c.Detail, Detail(1000, 0, 25m, killSwitch: true)));

        Assert.Empty(cut.FindAll("[data-testid=srm-warning]"));
        Assert.NotNull(cut.Find("[data-testid=srm-silent]"));
    }

    [Fact]
    public void VerdictChip_WithoutVerdict_ReadsNoVerdictYet()
    {
        var cut = Render<VerdictChip>(p => p.Add(c => c.Verdict, null));

        Assert.Contains("No verdict yet", cut.Markup);
        Assert.Equal("None", cut.Find("[data-verdict]").GetAttribute("data-verdict"));
    }

    [Fact]
    public void WhyPanel_AfterAutomaticRollback_ShowsGateValueLimitSamplesAndRuleInOneFormat()
    {
        var rollout = Rollout.Create("f", "2.0.0", [new(5m, TimeSpan.FromMinutes(1), new StageGates(MaxErrorRate: 0.05, MinSamples: 100))], null, T0);
        rollout.Start("lead", "go", T0);
        var transition = rollout.RecordEvaluation([new GateVerdict(GateNames.ErrorRate, Verdict.Fail, 0.0690608, 0.05, 1234)], T0.AddSeconds(30))!;

        var cut = Render<WhyPanel>(p => p.Add(c => c.Entry, AuditEntry.For(transition)));

        var panel = cut.Find("[data-testid=why-panel]");
        Assert.Equal("AutoRollback", panel.GetAttribute("data-action"));
        Assert.Contains("automatic rollback", panel.TextContent);
        // The reason and the table say the same numbers the same way (they used to read 0.0690608 against 6.906%).
        Assert.Contains("Error rate 6.91% against a limit of 5% on 1,234 samples", cut.Find("[data-testid=why-reason]").TextContent);
        var cells = cut.Find("[data-testid=why-verdict][data-gate=error_rate]").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["Error rate", "6.91%", "5%", "1,234", "Fail"], cells[..5]);
        Assert.Contains("above its limit", cells[5]);
    }

    [Fact]
    public void GateTiles_ResultsPerQuery_ShowsTheMeanAgainstTargetPlusOrMinusDrift()
    {
        var rollout = RunningRollout();
        rollout.RecordEvaluation([new GateVerdict(GateNames.ResultsPerQuery, Verdict.Pass, 5.4, 5, 1200, 1)], T0.AddMinutes(1));

        var tile = Render<GateTiles>(p => p.Add(c => c.Rollout, rollout)).Find("[data-testid=gate-tile]");

        Assert.Equal("results_per_query", tile.GetAttribute("data-gate"));
        Assert.Contains("Results per query", tile.TextContent);
        Assert.Equal("5.40", tile.QuerySelector(".lens-tile-value")!.TextContent.Trim());
        Assert.Equal("target 5 ± 1", tile.QuerySelector("[data-testid=gate-limit]")!.TextContent.Trim());
        Assert.Equal("1,200", tile.QuerySelector("[data-testid=gate-samples]")!.TextContent);
    }

    [Fact]
    public void WhyPanel_ResultsPerQueryRollback_ShowsTargetAndDriftAsTheLimit()
    {
        var gates = new StageGates(MinSamples: 100, TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: 1);
        var rollout = Rollout.Create("f", "2.0.0", [new(5m, TimeSpan.FromMinutes(1), gates)], null, T0);
        rollout.Start("lead", "go", T0);
        var transition = rollout.RecordEvaluation([new GateVerdict(GateNames.ResultsPerQuery, Verdict.Fail, 7.2, 5, 1200, 1)], T0.AddSeconds(30))!;

        var cut = Render<WhyPanel>(p => p.Add(c => c.Entry, AuditEntry.For(transition)));

        Assert.Contains("Results per query 7.20 against 5 ± 1 on 1,200 samples: Fail", cut.Find("[data-testid=why-reason]").TextContent);
        var cells = cut.Find("[data-testid=why-verdict][data-gate=results_per_query]").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["Results per query", "7.20", "5 ± 1", "1,200", "Fail"], cells[..5]);
        Assert.Contains("drifted past target ± drift", cells[5]);
    }

    [Fact]
    public void WhyPanel_WithoutAutomaticAction_RendersNothing()
    {
        var cut = Render<WhyPanel>(p => p.Add(c => c.Entry, null));

        Assert.Empty(cut.FindAll("[data-testid=why-panel]"));
    }
}
