using System.Collections.Concurrent;
using Lens.Core.Alerts;
using Lens.Core.Rollouts;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Alerts;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// A served split that disagrees with the intended one (p below 0.001) raises a WARN alert on the rollout, and the
/// comparison gates refuse to pass while it stands. It resolves itself once the split checks out again. Which rollouts
/// have one open is kept in memory so a healthy evaluation costs no alert query; after a restart the next mismatch
/// reuses the open alert and the next clean check resolves it.
/// </summary>
public sealed class SampleRatioAlerts(AlertService alerts)
{
    private readonly ConcurrentDictionary<Guid, bool> _open = new();

    public async Task UpdateAsync(Rollout rollout, SampleRatioResult? check, CancellationToken ct)
    {
        if (check is { Mismatch: true } && rollout.State == RolloutState.Running)
        {
            _open[rollout.Id] = true;
            await alerts.TryRaiseAsync(new AlertSignal(AlertKeys.SampleRatio(rollout.Id), AlertSeverity.Warn, AlertSource.Rollout,
                $"{rollout.Flag}: the served split is not the intended one (sample ratio mismatch)",
                $"Candidate served {check.ServedShare:P2} of requests against an intended {check.IntendedShare:P2} (χ² {check.ChiSquare:0.##}, p {check.P:0.######}). " +
                "Assignment or logging is broken somewhere; no comparison of the two variants can be trusted, so comparison gates will not pass until it clears.",
                rollout.ReleaseVersion, rollout.Id, rollout.StageIndex), ct);
            return;
        }
        if ((check is not null || rollout.State != RolloutState.Running) && _open.TryRemove(rollout.Id, out _))
            await alerts.ResolveKeyAsync(AlertKeys.SampleRatio(rollout.Id), Rollout.EngineActor, rollout.State != RolloutState.Running
                ? $"The rollout is {rollout.State}: there is no split left to check."
                : $"The served split matches the intended one again (p {check!.P:0.####}).", ct);
    }
}
