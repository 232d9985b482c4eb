namespace Lens.Dashboard.Features.Retention;

/// <summary>The retention policy in words and periods, as the API and captions tell it. One place, read from the options.</summary>
public static class RetentionPolicy
{
    /// <summary>What is never pruned, whatever the configuration says.</summary>
    public static readonly IReadOnlyList<string> KeptForGood = ["audit log", "releases", "sign-offs (release decisions)", "bench results and nights"];

    /// <summary>Data of a rollout that is pending, running or paused is never pruned or downsampled.</summary>
    public const string RunningRolloutsNote = "Nothing belonging to a rollout that is still pending, running or paused is pruned or downsampled.";

    public static IReadOnlyList<RetentionRule> Rules(RetentionOptions o) =>
    [
        new(RetentionKind.FineMetrics, "5-second metric buckets", o.FineMetrics, "folded exactly into 1-minute buckets"),
        new(RetentionKind.MinuteMetrics, "1-minute metric buckets", o.MinuteMetrics, "deleted"),
        new(RetentionKind.DeliveredWebhooks, "delivered or abandoned webhook deliveries (outbox)", o.DeliveredWebhooks, "deleted; pending deliveries are never deleted"),
        new(RetentionKind.ProbeRuns, "sentinel probe runs", o.ProbeRuns, "deleted"),
        new(RetentionKind.GateVerdicts, "gate verdict history", o.GateVerdicts, "deleted"),
        new(RetentionKind.DetectorObservations, "detector observations", o.DetectorObservations, "deleted"),
        new(RetentionKind.ResolvedAlerts, "resolved alerts", o.ResolvedAlerts, "deleted; open and acknowledged alerts are never deleted"),
        new(RetentionKind.Impressions, "daily impression aggregates and query counts", o.Impressions, "deleted"),
        new(RetentionKind.Gauges, "5-second gauge buckets", o.Gauges, "deleted"),
    ];

    public static TimeSpan KeptFor(RetentionOptions o, RetentionKind kind) => Rules(o).Single(r => r.Kind == kind).KeptFor;

    /// <summary>"7 days", "36 hours": how a period reads in a caption.</summary>
    public static string Words(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0} day{(span.TotalDays == 1 ? "" : "s")}"
        : span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} hours"
        : $"{span.TotalMinutes:0} minutes";
}
