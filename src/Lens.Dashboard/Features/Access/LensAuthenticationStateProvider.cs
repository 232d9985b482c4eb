using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// An open page keeps the identity it was opened with; this checks now and then that it still stands: the user still
/// exists with the same security stamp, or the wall's display token has not been revoked. When it no longer stands the
/// page loses its sign-in and says why.
/// </summary>
public sealed class LensAuthenticationStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, TokenRegistry tokens,
    IOptions<AuthOptions> options, IOptions<IdentityOptions> identity) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    /// <summary>Why this page's sign-in ended, once it has; shown in place of the page.</summary>
    public string? EndedBecause { get; private set; }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var user = state.User;
        if (user.FindFirst(Caller.TokenClaim)?.Value is { } sha)
        {
            if (tokens.IsActive(sha)) return true;
            EndedBecause = "This wall screen's display token was revoked. Ask an admin for a new display token and open the wall with it.";
            return false;
        }
        // A single sign-on session's person lives at the provider; its cookie's lifetime bounds it.
        if (user.HasClaim(c => c.Type == AccessSetup.SingleSignOnClaim)) return true;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var found = await users.GetUserAsync(user);
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (found is not null && (!users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(found))) return true;
        EndedBecause = "Your sign-in is no longer valid (the account was changed or removed). Sign in again.";
        return false;
    }
}
