namespace Lens.Core.Deployment;

/// <summary>One phase of a plan: when it is expected to start (from the pipeline's start), how long it waits, and what it checks.</summary>
public sealed record PlannedPhase(DeploymentPhase Phase, string Label, bool Skipped, TimeSpan StartsAfter, TimeSpan Expected,
    string Does, IReadOnlyList<string> Gates);
