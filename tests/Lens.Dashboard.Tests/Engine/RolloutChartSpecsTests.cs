using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Ui.Charts;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>What the rollout page's charts say: only whole buckets of the rollout's own life, its limits, its events.</summary>
public sealed class RolloutChartSpecsTests
{
    // A rollout that starts 2 s into a 5-second bucket.
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 2, TimeSpan.Zero);

    private static Rollout Running(DateTimeOffset at)
    {
        var gates = new StageGates(MaxErrorRate: 0.05, MaxP99Ms: 250, MinSamples: 100);
        var rollout = Rollout.Create("f", "2.0.0", [new(5m, TimeSpan.FromMinutes(1), gates), new(25m, TimeSpan.FromMinutes(1), gates)], "demo", at);
        rollout.Start("demo", "go", at);
        return rollout;
    }

    private static MetricPoint Point(DateTimeOffset at, long requests) =>
        new(at, new VariantMetrics(requests, 0, 10, 20, 30), new VariantMetrics(requests / 10, 0, 11, 21, 31));

    [Theory]
    [InlineData(0, 2)]   // the rollout started mid-bucket: that bucket also holds the traffic before it
    [InlineData(5, 0)]
    [InlineData(10, 0)]
    public void WholeBucketsWithin_FirstBucket_IsExcludedWhenTheRolloutStartedInsideIt(int bucketOffsetSeconds, int startOffsetSeconds)
    {
        var bucketStart = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddSeconds(bucketOffsetSeconds);
        var rollout = Running(bucketStart.AddSeconds(startOffsetSeconds));
        var series = Enumerable.Range(0, 6).Select(i => Point(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddSeconds(5 * i), 100)).ToList();

        var kept = RolloutChartSpecs.WholeBucketsWithin(rollout, series, now: series[^1].At.AddSeconds(5));

        var expectedFirst = startOffsetSeconds == 0 ? bucketStart : bucketStart.AddSeconds(5);
        Assert.Equal(expectedFirst, kept[0].At);
    }

    [Fact]
    public void WholeBucketsWithin_LiveRollout_LeavesOutTheBucketStillFilling()
    {
        var rollout = Running(Start);
        var series = Enumerable.Range(1, 5).Select(i => Point(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddSeconds(5 * i), 100)).ToList();
        var now = series[^1].At.AddSeconds(3); // the last bucket has 3 of its 5 seconds

        var kept = RolloutChartSpecs.WholeBucketsWithin(rollout, series, now);

        Assert.Equal(series[^2].At, kept[^1].At);
        Assert.Equal(4, kept.Count);
    }

    [Fact]
    public void Build_RunningStage_DrawsTheStagesGateLimitsInTheirUnits()
    {
        var rollout = Running(Start);

        var charts = RolloutChartSpecs.Build(rollout, [Point(Start.AddSeconds(3), 100)], []);

        Assert.Equal(("error-rate limit 5%", 5.0), (charts[0].ThresholdLines[0].Name, charts[0].ThresholdLines[0].Value));
        Assert.Equal(("p99 limit 250 ms", 250.0), (charts[1].ThresholdLines[0].Name, charts[1].ThresholdLines[0].Value));
        Assert.Equal("requests/s", charts[2].Unit);
        Assert.Equal(20.0, charts[2].Lines[0].Points[0].Value); // 100 requests in 5 s
    }

    [Fact]
    public void Build_StageWithoutResultsPerQueryGate_DrawsNoResultsChart() =>
        Assert.Equal(["Error rate", "Latency", "Traffic"], RolloutChartSpecs.Build(Running(Start), [Point(Start.AddSeconds(3), 100)], []).Select(c => c.Title));

    [Fact]
    public void Build_StageWithResultsPerQueryGate_DrawsEachVariantsMeanBetweenTheBandsEdges()
    {
        var gates = new StageGates(MinSamples: 100, TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: 1);
        var rollout = Rollout.Create("f", "2.0.0", [new(5m, TimeSpan.FromMinutes(1), gates)], "demo", Start);
        rollout.Start("demo", "go", Start);
        var point = new MetricPoint(Start.AddSeconds(3), new VariantMetrics(100, 0, 10, 20, 30, 100, 500), new VariantMetrics(10, 0, 11, 21, 31, 8, 60));

        var chart = RolloutChartSpecs.Build(rollout, [point], [])[3];

        Assert.Equal("Results per query", chart.Title);
        Assert.Equal([("floor 4 (5 ± 1)", 4.0), ("ceiling 6 (5 ± 1)", 6.0)], chart.ThresholdLines.Select(t => (t.Name, t.Value)));
        Assert.Equal([5.0, 7.5], chart.Lines.Select(l => l.Points[0].Value!.Value));
    }

    [Fact]
    public void EventsOf_AuditAndKillSwitch_AreLabelledWithWhoAndWhat()
    {
        var rollout = Running(Start);
        var pause = rollout.Pause("ann", "look", Start.AddSeconds(20));
        var resume = rollout.Resume("ann", "ok", Start.AddSeconds(40));
        var killSwitch = AuditEntry.ForSubject("killswitch:manual_emergency", "Activate", "oncall", "bad", Start.AddSeconds(50));

        var events = RolloutChartSpecs.EventsOf(rollout, [AuditEntry.For(resume), AuditEntry.For(pause), killSwitch]);

        Assert.Equal(["‖ paused by ann", "▶ resumed by ann", "kill switch on (manual_emergency)"], events.Select(e => e.Label));
        Assert.Equal([ChartEventKind.Paused, ChartEventKind.Resumed, ChartEventKind.KillSwitchOn], events.Select(e => e.Kind));
    }

    [Fact]
    public void EventsOf_StepBacks_AreDrawnWithTheStageTheyReturnedTo()
    {
        var gates = new StageGates(MaxErrorRate: 0.05, MinSamples: 1);
        var rollout = Rollout.Create("f", "2.0.0", [new(5m, TimeSpan.Zero, gates), new(25m, TimeSpan.Zero, gates, BreachPolicy.StepBack), new(100m, TimeSpan.Zero, gates)], null, Start);
        rollout.Start("demo", "go", Start);
        rollout.Promote(0, "ann", "on", Start.AddSeconds(5));
        var auto = rollout.RecordEvaluation([new GateVerdict(GateNames.ErrorRate, Verdict.Fail, 0.5, 0.05, 10)], Start.AddSeconds(10))!;
        rollout.Promote(0, "ann", "again", Start.AddSeconds(15));
        var manual = rollout.StepBack("ann", "careful", Start.AddSeconds(20));

        var events = RolloutChartSpecs.EventsOf(rollout, [AuditEntry.For(auto), AuditEntry.For(manual)]);

        Assert.Equal(["▼ stepped back to stage 1 (5%)", "▼ stepped back to stage 1 (5%) by ann"], events.Select(e => e.Label));
        Assert.All(events, e => Assert.Equal(ChartEventKind.SteppedBack, e.Kind));
    }

    [Fact]
    public void ChartSpec_NoPointWithAValue_IsEmpty()
    {
        var spec = new ChartSpec("x", "ms", [new ChartLine("a", "#000", [new ChartPoint(Start, null)])]);

        Assert.True(spec.IsEmpty);
        Assert.Null(spec.Range);
    }
}
