using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Dashboard.Tests.Access;

/// <summary>
/// Every endpoint the app maps, from its own endpoint list, called anonymously and with a token of each role. An
/// endpoint added without a policy fails here, and so does a policy that lets the wrong role through.
/// </summary>
public sealed partial class AuthorizationMatrixTests : AppTestBase
{
    private const string Anonymous = "anonymous";

    /// <summary>What may be reached without signing in: health, the sign-in form and its posts, the error page, assets.</summary>
    [GeneratedRegex(@"^/?(health|health/ready|signin|error|account/(signin|signout|display|sso)|_content/.*|_framework/.*|[^/]+\.(css|js|ico|png|svg|woff2?|json)(\.gz|\.br)?)$")]
    private static partial Regex AnonymousAllowed();

    /// <summary>
    /// Endpoints the framework maps with no policy: Blazor's script (public) and circuit (held by SameOriginGuard, tested
    /// below), and the static files' development fallback, which serves only files from wwwroot and packages.
    /// </summary>
    [GeneratedRegex(@"^/?(_framework/|_blazor|\{\*\*path:file\}$)")]
    private static partial Regex FrameworkEndpoint();

    private sealed record Probe(string Method, string Route, string Url, IReadOnlyList<string> Policies, bool Anonymous, bool IsPage);

    private IReadOnlyList<Probe> Probes()
    {
        var probes = new List<Probe>();
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "").Distinct().ToList();
            var isPage = endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata");
            foreach (var method in methods) probes.Add(new Probe(method, route, Fill(endpoint.RoutePattern), policies, anonymous, isPage));
        }
        return probes;
    }

    /// <summary>
    /// What each route needs, written from the roles' definitions (not read back from the endpoints): viewer reads;
    /// oncall acknowledges, resolves and raises alerts, flips kill switches, runs probes, resets detectors; lead creates
    /// releases, drives rollouts, runs benches and nights, pins and retires candidates; manager decides sign-off and promotes to GA; admin manages
    /// people and tokens and takes backups; service ingests and reads flags.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /api/alerts"] = LensPolicies.Read, ["GET /api/alerts/{id:guid}"] = LensPolicies.Read,
        ["POST /api/alerts"] = LensPolicies.OnCall, ["POST /api/alerts/acknowledge"] = LensPolicies.OnCall,
        ["POST /api/alerts/{id:guid}/acknowledge"] = LensPolicies.OnCall, ["POST /api/alerts/{id:guid}/resolve"] = LensPolicies.OnCall,
        ["GET /api/detectors"] = LensPolicies.Read, ["GET /api/detectors/{name}"] = LensPolicies.Read, ["GET /api/detectors/{name}/history.csv"] = LensPolicies.Read,
        ["POST /api/detectors/{name}/reset"] = LensPolicies.OnCall, ["POST /api/detectors/observations"] = LensPolicies.Ingest,
        ["POST /api/rollouts"] = LensPolicies.Lead, ["GET /api/rollouts"] = LensPolicies.Read, ["GET /api/rollouts/{id:guid}"] = LensPolicies.Read,
        ["GET /api/rollouts/{id:guid}/audit"] = LensPolicies.Read,
        ["POST /api/rollouts/{id:guid}/promote"] = LensPolicies.Lead, ["POST /api/rollouts/{id:guid}/pause"] = LensPolicies.Lead,
        ["POST /api/rollouts/{id:guid}/resume"] = LensPolicies.Lead, ["POST /api/rollouts/{id:guid}/rollback"] = LensPolicies.Lead,
        ["POST /api/rollouts/{id:guid}/abort"] = LensPolicies.Lead,
        ["POST /api/rollouts/{id:guid}/stepback"] = LensPolicies.Lead, ["POST /api/rollouts/{id:guid}/approve"] = LensPolicies.Lead,
        ["POST /api/releases"] = LensPolicies.Lead, ["GET /api/releases"] = LensPolicies.Read, ["GET /api/releases/{version}"] = LensPolicies.Read,
        ["GET /api/releases/{version}/config-fingerprint"] = LensPolicies.Read,
        ["POST /api/ingest"] = LensPolicies.Ingest,
        ["POST /api/releases/{version}/bench"] = LensPolicies.Lead, ["POST /api/releases/{version}/bench/live"] = LensPolicies.Lead,
        ["GET /api/releases/{version}/bench"] = LensPolicies.Read, ["GET /api/releases/{version}/nights"] = LensPolicies.Read,
        ["GET /api/bench/{id:guid}"] = LensPolicies.Read, ["GET /api/bench/{id:guid}/{file}"] = LensPolicies.Read,
        ["POST /api/nightly/run"] = LensPolicies.Lead, ["GET /api/nightly/{night}"] = LensPolicies.Read, ["GET /api/nightly/candidates"] = LensPolicies.Read,
        ["POST /api/releases/{version}/pin"] = LensPolicies.Lead, ["POST /api/releases/{version}/unpin"] = LensPolicies.Lead, ["POST /api/releases/{version}/retire"] = LensPolicies.Lead,
        ["POST /api/backup"] = LensPolicies.Admin,
        ["POST /api/calibration/impressions"] = LensPolicies.Ingest, ["GET /api/calibration"] = LensPolicies.Read,
        ["GET /api/rollouts/{id:guid}/compare"] = LensPolicies.Read,         ["GET /api/calibration/status"] = LensPolicies.Read, ["POST /api/calibration/run"] = LensPolicies.Lead,
        ["POST /api/calibration/{flag}/tau"] = LensPolicies.Lead, ["POST /api/calibration/{flag}/fallback"] = LensPolicies.Lead,
        ["GET /api/demo"] = LensPolicies.Read, ["POST /api/demo/faults"] = LensPolicies.Lead, ["GET /api/demo/search"] = LensPolicies.Flags,
        ["GET /api/releases/{version}/signoff"] = LensPolicies.Read, ["POST /api/releases/{version}/decisions"] = LensPolicies.Manager,
        ["POST /api/releases/{version}/promote"] = LensPolicies.Manager, ["GET /api/releases/{version}/report.md"] = LensPolicies.Read,
        ["GET /canary/status"] = LensPolicies.Flags, ["POST /canary/progress"] = LensPolicies.Lead, ["POST /canary/killswitch"] = LensPolicies.OnCall,
        ["GET /api/flags"] = LensPolicies.Flags, ["GET /api/flags/stream"] = LensPolicies.Flags, ["GET /api/flags/{key}"] = LensPolicies.Flags,
        ["POST /api/flags/{key}/parameters/{name}/killswitch"] = LensPolicies.OnCall,
        ["POST /api/killswitch"] = LensPolicies.OnCall, ["GET /api/killswitch"] = LensPolicies.Read,
        ["GET /compat/check"] = LensPolicies.Flags,
        ["POST /deploy/start"] = LensPolicies.Lead, ["POST /deploy/abort"] = LensPolicies.Lead, ["GET /deploy/status"] = LensPolicies.Read,
        ["GET /deploy/{id:guid}/reports/{file}"] = LensPolicies.Read,
        ["GET /api/sentinel"] = LensPolicies.Read, ["GET /api/sentinel/runs"] = LensPolicies.Read, ["POST /api/sentinel/run"] = LensPolicies.OnCall,
        ["GET /api/tokens"] = LensPolicies.Admin, ["POST /api/tokens"] = LensPolicies.Admin, ["DELETE /api/tokens/{name}"] = LensPolicies.Admin,
        ["GET /api/users"] = LensPolicies.Admin, ["POST /api/users"] = LensPolicies.Admin, ["DELETE /api/users/{userName}"] = LensPolicies.Admin,
        ["GET /api/retention"] = LensPolicies.Read, ["POST /api/retention/run"] = LensPolicies.Admin,
        ["GET /api/me"] = LensPolicies.Wall,
        ["GET /hubs/rollouts"] = LensPolicies.Read,
        ["GET /wall"] = LensPolicies.Wall, ["GET /admin/access"] = LensPolicies.Admin,
    };

    /// <summary>The one policy a route needs beyond reading, as the endpoint carries it (a group's read policy adds nothing here).</summary>
    private static string Effective(IReadOnlyList<string> policies) =>
        policies.Count == 1 ? policies[0] : policies.Single(p => p != LensPolicies.Read);

    [Fact]
    public void Endpoints_EachApiRoute_NeedsThePolicyItsRoleDefinitionSays()
    {
        var wrong = new List<string>();
        foreach (var probe in Probes().Where(p => p.Policies.Count > 0 && !p.IsPage && !p.Route.StartsWith("/hubs/rollouts/", StringComparison.Ordinal)))
        {
            var key = $"{probe.Method} {(probe.Route.Length > 1 ? probe.Route.TrimEnd('/') : probe.Route)}";
            if (!Expected.TryGetValue(key, out var expected)) wrong.Add($"{key}: not in the table; add it with the policy its roles need");
            else if (Effective(probe.Policies) != expected) wrong.Add($"{key}: has {string.Join(" + ", probe.Policies)}, should need {expected}");
        }
        // Pages: every page reads, the wall admits displays, the access page needs an admin.
        foreach (var page in Probes().Where(p => p.IsPage && p.Method == "GET"))
        {
            var expected = Expected.TryGetValue($"GET {page.Route}", out var special) ? special : LensPolicies.Read;
            if (page.Policies.Count == 0 && !page.Anonymous) wrong.Add($"page {page.Route}: no policy");
            else if (page.Policies.Count > 0 && Effective(page.Policies) != expected) wrong.Add($"page {page.Route}: has {string.Join(" + ", page.Policies)}, should need {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Endpoints_EveryOne_HasAPolicyOrIsKnownToBePublic()
    {
        var probes = Probes();

        Assert.True(probes.Count > 60, $"only {probes.Count} endpoints seen");
        var unguarded = probes.Where(p => p.Policies.Count == 0 && !p.Anonymous && !FrameworkEndpoint().IsMatch(p.Route)).Select(p => $"{p.Method} {p.Route}").ToList();
        Assert.True(unguarded.Count == 0, "Endpoints without an authorization policy:\n" + string.Join("\n", unguarded));
        var publicButUnexpected = probes.Where(p => p.Anonymous && !AnonymousAllowed().IsMatch(p.Route.TrimStart('/'))).Select(p => $"{p.Method} {p.Route}").ToList();
        Assert.True(publicButUnexpected.Count == 0, "Endpoints open to anyone that should not be:\n" + string.Join("\n", publicButUnexpected));
        Assert.All(probes.Where(p => p.Policies.Count > 0), p => Assert.All(p.Policies, policy => Assert.Contains(policy, LensPolicies.Roles.Keys)));
    }

    [Fact]
    public async Task Endpoints_EachRoleAndAnonymous_GetTheStatusTheirPolicyGives()
    {
        var failures = new List<string>();
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = NotFollowingRedirects(null) };
        foreach (var role in LensRoles.Tokens) clients[role] = NotFollowingRedirects(role);

        foreach (var probe in Probes().Where(p => !p.Anonymous && p.Policies.Count > 0))
        {
            foreach (var (who, client) in clients)
            {
                var status = await SendAsync(client, probe);
                var admitted = who != Anonymous && probe.Policies.All(policy => LensPolicies.Admits(policy, [who]));
                var expected = who == Anonymous ? (probe.IsPage ? "302 to /signin" : "401") : admitted ? "not 401/403" : "403";
                var ok = who == Anonymous
                    ? probe.IsPage ? status.Code == HttpStatusCode.Redirect && status.Location!.Contains("/signin", StringComparison.Ordinal) : status.Code == HttpStatusCode.Unauthorized && status.Problem
                    : admitted ? status.Code is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) : status.Code == HttpStatusCode.Forbidden && status.Problem;
                if (!ok) failures.Add($"{probe.Method} {probe.Url} as {who}: expected {expected}, got {(int)status.Code}{(status.Problem ? " (problem)" : "")}");
            }
        }

        foreach (var client in clients.Values) client.Dispose();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A redirect to the sign-in form is the answer to check, so it must not be followed.</summary>
    private HttpClient NotFollowingRedirects(string? role)
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = role is null ? null : new("Bearer", LensAppFactory.SecretFor(role));
        client.Timeout = TimeSpan.FromSeconds(10);
        return client;
    }

    [Fact]
    public async Task BlazorCircuit_Anonymous_Is401()
    {
        using var anonymous = App.CreateAnonymousClient();

        var negotiate = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal("application/problem+json", negotiate.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<(HttpStatusCode Code, string? Location, bool Problem)> SendAsync(HttpClient client, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
        if (probe.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        // Streams never end: the headers say everything this test needs.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response.StatusCode, response.Headers.Location?.ToString(), response.Content.Headers.ContentType?.MediaType == "application/problem+json");
    }

    private static string Fill(RoutePattern pattern)
    {
        var parts = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.Empty.ToString() : "x",
            _ => "",
        })));
        return "/" + string.Join('/', parts);
    }
}
