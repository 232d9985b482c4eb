using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lens.Dashboard.Features.Access;

/// <summary>Who is asking: the one name the audit log records for a request or a page action.</summary>
public static class Caller
{
    /// <summary>Tokens are recorded as <c>token:{name}</c>, people by their user name.</summary>
    public const string TokenClaim = "lens:token";

    public static string Actor(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    public static string Actor(this HttpRequest request) => request.HttpContext.User.Actor();

    /// <summary>The signed-in person on a page, from the cascading authentication state.</summary>
    public static async Task<string> ActorAsync(this Task<AuthenticationState>? state) => state is null ? "anonymous" : (await state).User.Actor();

    public static IReadOnlyList<string> SignOffRoles(this ClaimsPrincipal user) =>
        user.FindAll(LensRoles.SignOffClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();

    public static bool Holds(this ClaimsPrincipal user, string policy) => LensPolicies.Admits(policy, user.FindAll(ClaimTypes.Role).Select(c => c.Value));

    public static string Describe(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return "An anonymous caller";
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return $"{user.Actor()} ({(roles.Count == 0 ? "no role" : string.Join(", ", roles))})";
    }
}
