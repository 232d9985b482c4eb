using Microsoft.Extensions.Primitives;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// A browser sends its cookie with requests other sites' pages make. Writes carried by the cookie, and the live
/// connections (Blazor's circuit and the hub), are only taken from this app's own pages: a browser names the page's
/// origin in <c>Origin</c>, and a foreign one is refused. Bearer calls carry no ambient credential and pass.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next, Microsoft.Extensions.Options.IOptions<AuthOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var live = request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/hubs");
        var write = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if ((live || write) && !BearerTokenHandler.Carries(request) && request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(request, origin, options.Value.PublicOrigin))
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused.",
                $"A request from {origin} may not act with this dashboard's sign-in. Use the dashboard itself, or a bearer token.");
            return;
        }
        if (live && context.User.Identity?.IsAuthenticated != true)
        {
            await AccessProblems.WriteUnauthorizedAsync(context);
            return;
        }
        await next(context);
    }

    private static bool SameOrigin(HttpRequest request, StringValues origin, Uri? publicOrigin) =>
        Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var uri)
        && ((string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            || (publicOrigin is not null && string.Equals(uri.Scheme, publicOrigin.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Authority, publicOrigin.Authority, StringComparison.OrdinalIgnoreCase)));
}
