using System.Threading.Channels;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Live benches asked for through the API or a page, waiting for the bench worker.</summary>
public sealed class BenchQueue
{
    private readonly Channel<(Guid RunId, PinnedDataset Dataset)> _channel = Channel.CreateUnbounded<(Guid, PinnedDataset)>();

    public void Enqueue(Guid runId, PinnedDataset dataset) => _channel.Writer.TryWrite((runId, dataset));

    public IAsyncEnumerable<(Guid RunId, PinnedDataset Dataset)> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
