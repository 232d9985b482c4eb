using System.Collections.Concurrent;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// Rollout pages open on the same rollout share one load per change: the first page to ask after an event (or a
/// metrics notice) loads, the others reuse it. With fifty leads watching one canary, a pause used to cost fifty
/// identical loads before any screen changed.
/// </summary>
public sealed class RolloutDetails(
    IDbContextFactory<LensDbContext> dbFactory,
    LiveMetrics metrics,
    FlagDirectory flags,
    LensEvents events,
    TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (long Sequence, long MetricsVersion, Task<RolloutDetail?> Load)> _current = new();

    public Task<RolloutDetail?> GetAsync(Guid id)
    {
        // Both counters rise before anyone is told of a change, so a load keyed by them has seen that change.
        var sequence = events.Sequence;
        var version = metrics.Version;
        var entry = _current.AddOrUpdate(id,
            _ => (sequence, version, RolloutDetail.LoadAsync(id, dbFactory, metrics, flags, clock)),
            (_, old) => old.Sequence == sequence && old.MetricsVersion == version && !old.Load.IsFaulted && !old.Load.IsCanceled
                ? old
                : (sequence, version, RolloutDetail.LoadAsync(id, dbFactory, metrics, flags, clock)));
        return entry.Load;
    }
}
