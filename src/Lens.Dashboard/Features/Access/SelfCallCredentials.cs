using System.Net.Http.Headers;
using Lens.Dashboard.Hosting;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// Gives the app's own HTTP calls (the demo, the sentinel, the live bench) its internal service identity, but only
/// when they call this app: a configured outside search service never sees the secret.
/// </summary>
public sealed class SelfCallCredentials(TokenRegistry registry, SelfAddress self) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && self.Resolve() is { } own && IsSameServer(uri, own))
            request.Headers.Authorization = Header(registry);
        return base.SendAsync(request, cancellationToken);
    }

    public static AuthenticationHeaderValue Header(TokenRegistry registry) => new("Bearer", registry.InternalSecret);

    private static bool IsSameServer(Uri uri, Uri own) =>
        uri.Port == own.Port && (string.Equals(uri.Host, own.Host, StringComparison.OrdinalIgnoreCase) || uri.IsLoopback && own.IsLoopback);
}
