using System.Collections.Concurrent;
using System.Threading.Channels;
using Lens.Core.Flags;

namespace Lens.Dashboard.Features.Flags;

/// <summary>
/// The flag states services see, as last saved, and the live stream of their changes. Every subscriber
/// gets its own bounded queue; one that falls far behind loses its oldest updates, never the newest,
/// and versions let it tell.
/// </summary>
public sealed class FlagDirectory
{
    private readonly ConcurrentDictionary<string, FlagState> _flags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Channel<FlagState>> _subscribers = new();
    private readonly ConcurrentDictionary<string, bool> _activeKillSwitches = new(StringComparer.Ordinal);

    /// <summary>Held by every writer of flag rows, so versions only rise and never collide.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public bool KillSwitchActive => !_activeKillSwitches.IsEmpty;

    public IReadOnlyCollection<string> ActiveKillSwitches => _activeKillSwitches.Keys.ToArray();

    public void SetKillSwitch(string name, bool active)
    {
        if (active) _activeKillSwitches[name] = true;
        else _activeKillSwitches.TryRemove(name, out _);
    }

    public FlagState? Get(string key) => _flags.TryGetValue(key, out var state) ? state : null;

    public IReadOnlyList<FlagState> All() => _flags.Values.OrderBy(f => f.Key, StringComparer.Ordinal).ToArray();

    public void Set(FlagState state)
    {
        // While a kill switch is in force nothing may hand a flag back to the candidate, whatever it read before.
        if (KillSwitchActive && !state.KillSwitch) state = state with { Percent = 0m, KillSwitch = true };
        _flags.AddOrUpdate(state.Key, state, (_, old) => old.NewerOf(state));
        foreach (var channel in _subscribers.Values) channel.Writer.TryWrite(state);
    }

    public FlagSubscription Subscribe()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<FlagState>(new BoundedChannelOptions(1024)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers[id] = channel;
        return new FlagSubscription(channel.Reader, () => _subscribers.TryRemove(id, out _));
    }
}
