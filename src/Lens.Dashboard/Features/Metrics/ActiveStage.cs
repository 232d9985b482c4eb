using Lens.Core.Gates;

namespace Lens.Dashboard.Features.Metrics;

/// <summary>The running stage a flag's measurements are judged against.</summary>
public sealed record ActiveStage(Guid RolloutId, int StageIndex, StageGates Gates, DateTimeOffset StartedAt);
