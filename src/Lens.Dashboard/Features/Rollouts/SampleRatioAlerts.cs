using System.Collections.Concurrent;
using Lens.Core.Alerts;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Alerts;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// A served split that disagrees with the intended one (p below 0.001) raises a WARN alert on the rollout, once per
/// episode, and the comparison gates refuse to pass while it stands. It resolves when a later check of the same stage is
/// clean, or when the stage's window ends (an advance, a rollback, an abort, a promotion). Whether one is open is kept in
/// memory so a healthy evaluation costs no alert query; a rollout not seen since start-up is resolved from the database
/// once, so an alert left open across a restart still closes.
/// </summary>
public sealed class SampleRatioAlerts(AlertService alerts)
{
    private readonly ConcurrentDictionary<Guid, bool> _open = new();

    /// <summary>After an evaluation that left the rollout in its stage.</summary>
    public async Task CheckedAsync(Rollout rollout, SampleRatioResult? check, CancellationToken ct)
    {
        if (check is { Mismatch: true })
        {
            if (_open.TryGetValue(rollout.Id, out var open) && open) return;
            await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.SampleRatio(rollout.Id), AlertSeverity.Warn, AlertSource.Rollout,
                $"{rollout.Flag}: the served split is not the intended one (sample ratio mismatch)",
                $"Candidate served {check.ServedShare:P2} of requests against an intended {check.IntendedShare:P2} (χ² {check.ChiSquare:0.##}, p {check.P:0.######}). " +
                "Assignment or logging is broken somewhere; no comparison of the two variants can be trusted, so comparison gates will not pass until it clears.",
                rollout.ReleaseVersion, rollout.Id, rollout.StageIndex), ct);
            _open[rollout.Id] = true;
            return;
        }
        if (check is not null) await ResolveAsync(rollout, $"The served split matches the intended one again (p {check.P:0.####}).", ct);
    }

    /// <summary>After a transition: a new stage or an ended rollout has no split left to hold against the old one. A pause keeps it.</summary>
    public Task TransitionedAsync(Rollout rollout, CancellationToken ct) =>
        rollout.State == RolloutState.Paused
            ? Task.CompletedTask
            : ResolveAsync(rollout, rollout.State == RolloutState.Running
                ? $"Stage {rollout.StageIndex + 1} starts a new window; the split is checked afresh."
                : $"The rollout is {rollout.State}: there is no split left to check.", ct);

    private async Task ResolveAsync(Rollout rollout, string reason, CancellationToken ct)
    {
        if (_open.TryGetValue(rollout.Id, out var open) && !open) return;
        await alerts.ResolveKeyAsync(AlertKeys.SampleRatio(rollout.Id), Rollout.EngineActor, reason, ct);
        _open[rollout.Id] = false;
    }
}
