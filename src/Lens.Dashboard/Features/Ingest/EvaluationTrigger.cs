using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Lens.Dashboard.Features.Ingest;

/// <summary>Asks for a rollout to be judged now rather than at the next scheduled tick. Repeated asks collapse into one.</summary>
public sealed class EvaluationTrigger
{
    private readonly Channel<Guid> _requests = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, byte> _queued = new();

    public ChannelReader<Guid> Requests => _requests.Reader;

    public void Request(Guid rolloutId)
    {
        if (_queued.TryAdd(rolloutId, 0)) _requests.Writer.TryWrite(rolloutId);
    }

    public void Taken(Guid rolloutId) => _queued.TryRemove(rolloutId, out _);
}
