using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Ui;
using Lens.Dashboard.Ui.Charts;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// What the rollout page's charts say: error rate, latency and traffic (and results per query while the stage has that
/// gate), baseline against candidate, with the current stage's gate limits and an annotation for every stage change, pause, rollback and kill switch.
/// Only whole 5-second buckets inside the rollout's life are drawn: the bucket it started in also holds traffic from
/// before it (a previous rollout on the same flag), and the bucket still filling would look like a cliff.
/// </summary>
public static class RolloutChartSpecs
{
    public const int MaxPoints = 120;
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(MetricsClock.BucketSeconds);

    public static IReadOnlyList<MetricPoint> WholeBucketsWithin(Rollout rollout, IReadOnlyList<MetricPoint> series, DateTimeOffset now)
    {
        var from = FirstWholeBucket(rollout.CreatedAt);
        var end = rollout.IsTerminal ? rollout.UpdatedAt : now;
        return series.Where(p => p.At >= from && p.At + Bucket <= end).ToList();
    }

    public static DateTimeOffset FirstWholeBucket(DateTimeOffset start)
    {
        var bucket = MetricsClock.StartOf(MetricsClock.BucketOf(start));
        return bucket == start ? bucket : bucket + Bucket;
    }

    public static IReadOnlyList<ChartSpec> Build(Rollout rollout, IReadOnlyList<MetricPoint> points, IReadOnlyList<ChartEvent> events)
    {
        var gates = rollout.Stages[rollout.StageIndex].Gates;
        var errors = new List<ChartThreshold>();
        if (gates.MaxErrorRate is { } maxErrorRate) errors.Add(new ChartThreshold($"error-rate limit {GateFormat.Percent(maxErrorRate)}", maxErrorRate * 100));
        var latency = new List<ChartThreshold>();
        if (gates.MaxP99Ms is { } maxP99) latency.Add(new ChartThreshold($"p99 limit {GateFormat.Milliseconds(maxP99)}", maxP99));

        List<ChartSpec> charts =
        [
            new ChartSpec("Error rate", "%",
                [
                    Line("Baseline", ChartColors.Baseline, points, p => p.Baseline, m => m.ErrorRate * 100, Mean),
                    Line("Candidate", ChartColors.Candidate, points, p => p.Candidate, m => m.ErrorRate * 100, Mean, width: 3),
                ], errors, events, Decimals: 2, EmptyText: "Waiting for data: no whole 5-second bucket of traffic on this flag yet."),
            new ChartSpec("Latency", "ms",
                [
                    Line("Baseline p50", ChartColors.BaselineLight, points, p => p.Baseline, m => m.P50Ms, Max),
                    Line("Baseline p95", ChartColors.Baseline, points, p => p.Baseline, m => m.P95Ms, Max),
                    Line("Baseline p99", ChartColors.BaselineDark, points, p => p.Baseline, m => m.P99Ms, Max),
                    Line("Candidate p50", ChartColors.CandidateLight, points, p => p.Candidate, m => m.P50Ms, Max),
                    Line("Candidate p95", ChartColors.Candidate, points, p => p.Candidate, m => m.P95Ms, Max),
                    Line("Candidate p99", ChartColors.CandidateDark, points, p => p.Candidate, m => m.P99Ms, Max, width: 3),
                ], latency, events, Decimals: 1, EmptyText: "Waiting for data: no whole 5-second bucket of traffic on this flag yet."),
            new ChartSpec("Traffic", "requests/s",
                [
                    Line("Baseline", ChartColors.Baseline, points, p => p.Baseline, m => m.Requests / Bucket.TotalSeconds, Mean),
                    Line("Candidate", ChartColors.Candidate, points, p => p.Candidate, m => m.Requests / Bucket.TotalSeconds, Mean, width: 3),
                ], null, events, Decimals: 1, EmptyText: "Waiting for data: no whole 5-second bucket of traffic on this flag yet."),
        ];
        // Drawn only while the stage judges results per query: the band it must stay in, as two dashed lines.
        if (gates is { TargetResultsPerQuery: { } target, MaxResultsPerQueryDrift: { } drift })
            charts.Add(new ChartSpec("Results per query", "results",
                [
                    Line("Baseline", ChartColors.Baseline, points, p => p.Baseline, m => m.ResultsPerQuery, Mean),
                    Line("Candidate", ChartColors.Candidate, points, p => p.Candidate, m => m.ResultsPerQuery, Mean, width: 3),
                ],
                [
                    new ChartThreshold($"floor {GateFormat.Setting(target - drift)} ({GateFormat.Limit(GateNames.ResultsPerQuery, target, drift)})", target - drift),
                    new ChartThreshold($"ceiling {GateFormat.Setting(target + drift)} ({GateFormat.Limit(GateNames.ResultsPerQuery, target, drift)})", target + drift),
                ], events, Decimals: 2, EmptyText: "Waiting for data: no whole 5-second bucket with a reported result count yet."));
        return charts;
    }

    /// <summary>Annotations from the rollout's own audit log and the kill switches flipped during its life.</summary>
    public static IReadOnlyList<ChartEvent> EventsOf(Rollout rollout, IEnumerable<AuditEntry> entries) =>
        entries.Select(e => EventOf(rollout, e)).OfType<ChartEvent>().OrderBy(e => e.At).ToList();

    private static ChartEvent? EventOf(Rollout rollout, AuditEntry e)
    {
        string Stage() => e.ToStage is { } s && s < rollout.Stages.Count ? $"stage {s + 1} ({Format.Percent(rollout.Stages[s].Percent)})" : "next stage";
        return e.Action switch
        {
            nameof(RolloutAction.AutoAdvance) => new ChartEvent(e.At, $"▲ {Stage()}", ChartEventKind.Advanced),
            nameof(RolloutAction.Promote) when e.ToState == nameof(RolloutState.Promoted) => new ChartEvent(e.At, "▲ promoted", ChartEventKind.Promoted),
            nameof(RolloutAction.Promote) => new ChartEvent(e.At, $"▲ {Stage()} by {e.Actor}", ChartEventKind.Advanced),
            nameof(RolloutAction.AutoPromote) => new ChartEvent(e.At, "▲ promoted", ChartEventKind.Promoted),
            nameof(RolloutAction.Pause) => new ChartEvent(e.At, $"‖ paused by {e.Actor}", ChartEventKind.Paused),
            nameof(RolloutAction.Resume) => new ChartEvent(e.At, $"▶ resumed by {e.Actor}", ChartEventKind.Resumed),
            nameof(RolloutAction.AutoRollback) => new ChartEvent(e.At, "× rolled back", ChartEventKind.RolledBack),
            nameof(RolloutAction.AutoPause) => new ChartEvent(e.At, "‖ paused: inconclusive", ChartEventKind.Paused),
            nameof(RolloutAction.Rollback) => new ChartEvent(e.At, $"× rolled back by {e.Actor}", ChartEventKind.RolledBack),
            nameof(RolloutAction.AutoStepBack) => new ChartEvent(e.At, $"▼ stepped back to {Stage()}", ChartEventKind.SteppedBack),
            nameof(RolloutAction.StepBack) => new ChartEvent(e.At, $"▼ stepped back to {Stage()} by {e.Actor}", ChartEventKind.SteppedBack),
            nameof(RolloutAction.Abort) => new ChartEvent(e.At, $"× aborted by {e.Actor}", ChartEventKind.Aborted),
            "Activate" => new ChartEvent(e.At, $"kill switch on ({e.Subject["killswitch:".Length..]})", ChartEventKind.KillSwitchOn),
            "Deactivate" => new ChartEvent(e.At, $"kill switch off ({e.Subject["killswitch:".Length..]})", ChartEventKind.KillSwitchOff),
            _ => null,
        };
    }

    private static ChartLine Line(string name, string color, IReadOnlyList<MetricPoint> points, Func<MetricPoint, VariantMetrics> variant,
        Func<VariantMetrics, double?> value, Func<IReadOnlyList<ChartPoint>, ChartPoint> merge, double width = 2)
    {
        var raw = points.Select(p => new ChartPoint(p.At, variant(p).Requests > 0 ? value(variant(p)) : null)).ToList();
        return new ChartLine(name, color, Downsampler.Reduce(raw, MaxPoints, merge), width);
    }

    private static ChartPoint Mean(IReadOnlyList<ChartPoint> run)
    {
        var values = run.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        return new ChartPoint(run[0].At, values.Count == 0 ? null : values.Average());
    }

    // Tail latency keeps its worst value when runs merge, so a spike is never averaged away.
    private static ChartPoint Max(IReadOnlyList<ChartPoint> run)
    {
        var values = run.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        return new ChartPoint(run[0].At, values.Count == 0 ? null : values.Max());
    }
}
