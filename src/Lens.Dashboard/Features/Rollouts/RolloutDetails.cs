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
    // A dashboard up for months opens hundreds of rollouts; only the ones being watched are worth keeping a load of.
    public const int Kept = 64;

    private readonly ConcurrentDictionary<Guid, (long Sequence, long MetricsVersion, Task<RolloutDetail?> Load)> _current = new();
    // When each rollout was last asked for, in asks: the event sequence stands still on a quiet system, so it cannot say which is oldest.
    private readonly ConcurrentDictionary<Guid, long> _asked = new();
    private long _asks;

    public int Cached => _current.Count;

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
        _asked[id] = Interlocked.Increment(ref _asks);
        if (_current.Count > Kept) ForgetLeastRecent();
        return entry.Load;
    }

    private void ForgetLeastRecent()
    {
        foreach (var (id, _) in _asked.OrderBy(e => e.Value).Take(_asked.Count - Kept).ToList())
        {
            _current.TryRemove(id, out _);
            _asked.TryRemove(id, out _);
        }
    }
}
