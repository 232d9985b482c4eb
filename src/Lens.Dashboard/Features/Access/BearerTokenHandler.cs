using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Access;

/// <summary><c>Authorization: Bearer &lt;secret&gt;</c>, checked against <see cref="TokenRegistry"/> in memory.</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LensToken";

    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Carries(Request)) return Task.FromResult(AuthenticateResult.NoResult());
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var entry = secret.Length is > 0 and <= 200 ? registry.Find(secret) : null;
        if (entry is null) return Task.FromResult(AuthenticateResult.Fail("The bearer token is not known, or it was revoked."));
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, entry.Actor),
            new Claim(ClaimTypes.Role, entry.Role),
            new Claim(Caller.TokenClaim, entry.Sha256),
        ], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync();
        await AccessProblems.WriteUnauthorizedAsync(Context, result.Failure?.Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessProblems.WriteForbiddenAsync(Context);
}
