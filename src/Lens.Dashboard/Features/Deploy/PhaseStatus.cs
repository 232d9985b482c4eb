using Lens.Core.Deployment;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>One phase in the status object: its history, plus what it waits for and the time expected to be left while it runs.</summary>
public sealed record PhaseStatus(string Name, string Label, PhaseState State, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Cause,
    TimeSpan? Elapsed, TimeSpan? ExpectedLeft, string? Waiting);
