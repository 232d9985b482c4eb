namespace Lens.Core.Deployment;

/// <summary>One phase's history: when it started and ended, how it came out, and why (a failure's or abort's cause).</summary>
public sealed record PhaseRecord(DeploymentPhase Phase, PhaseState State, DateTimeOffset? StartedAt = null, DateTimeOffset? EndedAt = null, string? Cause = null)
{
    public TimeSpan? Duration => StartedAt is { } start && EndedAt is { } end ? end - start : null;
}
