using Lens.Core.Rollouts;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>A component another feature shows on the rollout page, and which rollouts it applies to.</summary>
public sealed record RolloutPagePanel(Type Component, Func<Rollout, bool> AppliesTo);
