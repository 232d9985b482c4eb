using System.Threading.Channels;
using Lens.Core.Flags;

namespace Lens.Dashboard.Features.Flags;

public sealed class FlagSubscription(ChannelReader<FlagState> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<FlagState> Updates { get; } = reader;

    public void Dispose() => unsubscribe();
}
