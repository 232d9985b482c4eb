using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Retention;

/// <summary>
/// Configuration section "Retention": how long each kind of history is kept. The audit log, releases, sign-offs and
/// bench results have no entry on purpose: they are the record a manager signs and are never pruned.
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string Section = "Retention";

    /// <summary>5-second metric buckets older than this are folded into 1-minute buckets.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Retention:FineMetrics must be between 01:00:00 and 365.00:00:00.")]
    public TimeSpan FineMetrics { get; set; } = TimeSpan.FromDays(7);

    /// <summary>1-minute metric buckets older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:MinuteMetrics must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan MinuteMetrics { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Webhook deliveries that were delivered (or given up on) this long ago are deleted; pending ones never are.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:DeliveredWebhooks must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan DeliveredWebhooks { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:ProbeRuns must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan ProbeRuns { get; set; } = TimeSpan.FromDays(90);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:GateVerdicts must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan GateVerdicts { get; set; } = TimeSpan.FromDays(90);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:DetectorObservations must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan DetectorObservations { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Alerts resolved this long ago are deleted; open and acknowledged alerts never are.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:ResolvedAlerts must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan ResolvedAlerts { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Daily impression aggregates (and their query counts) older than this are deleted; calibration reads far fewer days.</summary>
    [Range(typeof(TimeSpan), "7.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:Impressions must be between 7.00:00:00 and 3650.00:00:00.")]
    public TimeSpan Impressions { get; set; } = TimeSpan.FromDays(90);

    /// <summary>5-second gauge buckets older than this are deleted (they are not folded: gauges only feed a stage window).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:Gauges must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan Gauges { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Retention:Interval must be between 00:01:00 and 7.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted (or folded) per transaction: small, so ingest's writer never waits long for SQLite's one write lock.</summary>
    [Range(10, 100_000, ErrorMessage = "Retention:BatchSize must be between 10 and 100000.")]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Real-time pause between batches, so waiting writers get the lock in between.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Retention:PauseBetweenBatches must be between 00:00:00 and 00:00:10.")]
    public TimeSpan PauseBetweenBatches { get; set; } = TimeSpan.FromMilliseconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Folding 5-second buckets into minutes that are already gone would delete traffic without a trace.
        if (MinuteMetrics <= FineMetrics)
            yield return new ValidationResult("Retention:MinuteMetrics must be longer than Retention:FineMetrics.", [nameof(MinuteMetrics)]);
    }
}
