using System.Threading.Channels;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Live benches asked for through the API or a page, waiting for the bench worker, and the one it is running.</summary>
public sealed class BenchQueue
{
    private readonly Channel<(Guid RunId, PinnedDataset Dataset)> _channel = Channel.CreateUnbounded<(Guid, PinnedDataset)>();
    private readonly Lock _gate = new();
    private Guid? _benching;

    /// <summary>
    /// The bench the worker is measuring now. Every other bench stored as running is still waiting its turn, so a page
    /// can say "queued" rather than show it as running at 0 queries.
    /// </summary>
    public Guid? Benching
    {
        get { lock (_gate) return _benching; }
    }

    public void Began(Guid runId)
    {
        lock (_gate) _benching = runId;
    }

    public void Ended()
    {
        lock (_gate) _benching = null;
    }

    public void Enqueue(Guid runId, PinnedDataset dataset) => _channel.Writer.TryWrite((runId, dataset));

    public IAsyncEnumerable<(Guid RunId, PinnedDataset Dataset)> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
