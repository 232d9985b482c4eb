using Lens.Core.Gates;

namespace Lens.Core.Rollouts;

/// <summary>A share of traffic (percent, 0.01 granularity) held for at least MinDuration, judged by Gates.</summary>
public sealed record RolloutStage(decimal Percent, TimeSpan MinDuration, StageGates Gates);
