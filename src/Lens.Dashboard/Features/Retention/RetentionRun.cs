namespace Lens.Dashboard.Features.Retention;

/// <summary>
/// What one pruning run did. Duration is wall-clock work time (not the app's clock, which may be a test's or a soak's fake clock).
/// Folded counts 5-second buckets folded into minutes; Deleted counts rows deleted per kind.
/// </summary>
public sealed record RetentionRun(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    long Folded,
    IReadOnlyDictionary<RetentionKind, long> Deleted,
    int Batches,
    string? Error);
