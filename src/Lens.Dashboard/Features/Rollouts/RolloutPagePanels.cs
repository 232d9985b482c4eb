using Lens.Core.Rollouts;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// Panels other features add to the rollout page (the demo's fault injector), so the rollout feature does not need to
/// know those features: each registers a <see cref="RolloutPagePanel"/>, and the page renders those that apply.
/// </summary>
public sealed class RolloutPagePanels(IEnumerable<RolloutPagePanel> panels)
{
    private readonly RolloutPagePanel[] _panels = panels.ToArray();

    public IEnumerable<Type> For(Rollout rollout) => _panels.Where(p => p.AppliesTo(rollout)).Select(p => p.Component);
}
