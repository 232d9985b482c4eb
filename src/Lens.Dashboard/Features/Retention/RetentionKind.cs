namespace Lens.Dashboard.Features.Retention;

/// <summary>A kind of history that is pruned. What is not listed here (audit log, releases, sign-offs, bench results) is kept for good.</summary>
public enum RetentionKind
{
    FineMetrics,
    MinuteMetrics,
    DeliveredWebhooks,
    ProbeRuns,
    GateVerdicts,
    DetectorObservations,
    ResolvedAlerts,
    Impressions,
    Gauges,
}
