using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Lens.Dashboard.Hosting;

/// <summary>The address this app listens on, so the demo service can call it over HTTP like any outside service.</summary>
public sealed class SelfAddress(IServer server)
{
    public Uri? Resolve()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses?.FirstOrDefault();
        if (first is null) return null;
        // A wildcard binding is reachable on loopback.
        first = first.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1");
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }
}
