namespace Lens.Dashboard.Features.Retention;

/// <summary>GET /api/retention: the policy in force, what is kept for good, and the last run.</summary>
public sealed record RetentionStatus(
    IReadOnlyList<RetentionRule> Rules,
    IReadOnlyList<string> KeptForGood,
    string RunningRollouts,
    TimeSpan Interval,
    RetentionRun? LastRun);
