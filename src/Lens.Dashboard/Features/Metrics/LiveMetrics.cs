using System.Collections.Concurrent;

namespace Lens.Dashboard.Features.Metrics;

/// <summary>Every flag's in-memory measurements. A singleton: ingest writes, the engine and pages read.</summary>
public sealed class LiveMetrics(TimeProvider clock)
{
    /// <summary>Pages redraw at most this often per flag, however fast events arrive.</summary>
    public static readonly TimeSpan ChangeThrottle = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, FlagMetrics> _flags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastRaised = new(StringComparer.Ordinal);

    public FlagMetrics For(string flag) => _flags.GetOrAdd(flag, static key => new FlagMetrics(key));

    public IReadOnlyCollection<FlagMetrics> All => _flags.Values.ToArray();

    private long _version;

    public event Action<string>? Changed;

    /// <summary>How many change notices have gone out; it rises before listeners hear, like <c>LensEvents.Sequence</c>.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void RaiseChanged(string flag)
    {
        var now = clock.GetTimestamp();
        var last = _lastRaised.GetOrAdd(flag, 0);
        if (last != 0 && clock.GetElapsedTime(last, now) < ChangeThrottle) return;
        if (!_lastRaised.TryUpdate(flag, now, last)) return;
        Interlocked.Increment(ref _version);
        Changed?.Invoke(flag);
    }
}
