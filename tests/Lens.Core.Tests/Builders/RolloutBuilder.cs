using Lens.Core.Gates;
using Lens.Core.Rollouts;

namespace Lens.Core.Tests.Builders;

/// <summary>Builds rollouts in any state through the aggregate's own methods, never by setting fields.</summary>
public sealed class RolloutBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private List<RolloutStage> _stages =
    [
        new(1m, TimeSpan.FromMinutes(10), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 100)),
        new(10m, TimeSpan.FromMinutes(10), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 100)),
        new(100m, TimeSpan.FromMinutes(10), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 100)),
    ];
    private RolloutState _state = RolloutState.Running;
    private int _stage;

    public RolloutBuilder WithStages(params RolloutStage[] stages) { _stages = stages.ToList(); return this; }
    public RolloutBuilder WithFailureLimit(int limit) { _stages = _stages.Select(s => s with { Gates = s.Gates with { FailureLimit = limit } }).ToList(); return this; }
    public RolloutBuilder InState(RolloutState state) { _state = state; return this; }
    public RolloutBuilder AtStage(int stage) { _stage = stage; return this; }

    public Rollout Build()
    {
        var rollout = Rollout.Create("search-ranking", "2.4.0", _stages, null, T0);
        if (_state == RolloutState.Pending) return rollout;
        rollout.Start("lead", "start", T0);
        for (var i = 0; i < _stage; i++) rollout.Promote(i, "lead", "advance", T0);
        switch (_state)
        {
            case RolloutState.Paused: rollout.Pause("lead", "look closer", T0); break;
            case RolloutState.Promoted: for (var i = _stage; i < _stages.Count; i++) rollout.Promote(i, "lead", "ship", T0); break;
            case RolloutState.RolledBack: rollout.Rollback("lead", "bad", T0); break;
            case RolloutState.Aborted: rollout.Abort("lead", "cancel", T0); break;
        }
        return rollout;
    }
}
