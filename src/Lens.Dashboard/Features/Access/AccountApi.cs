using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Access;

/// <summary>The sign-in form's posts: a person by password, a wall by its display token, and signing out.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account");
        account.MapPost("/signin", SignInAsync).AllowAnonymous();
        account.MapPost("/display", OpenWallAsync).AllowAnonymous();
        // Single sign-on, when configured: off to the company's provider, and back to the page asked for.
        account.MapGet("/sso", Results<ChallengeHttpResult, NotFound> (string? returnUrl, Microsoft.Extensions.Options.IOptions<OidcOptions> oidc) =>
            oidc.Value.Enabled
                ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [OidcOptions.Scheme])
                : TypedResults.NotFound()).AllowAnonymous();
        // Sign-out comes from the live app bar, which has no antiforgery token to offer; SameOriginGuard refuses
        // a foreign page's post, and signing someone out is all such a post could do.
        account.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return TypedResults.Redirect("/signin?signedOut=1");
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<RedirectHttpResult> SignInAsync([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<IdentityUser> signIn)
    {
        var back = LocalOrRoot(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return TypedResults.Redirect($"/signin?error=missing&returnUrl={Uri.EscapeDataString(back)}");
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Redirect(back);
        var error = result.IsLockedOut ? "locked" : "wrong";
        return TypedResults.Redirect($"/signin?error={error}&userName={Uri.EscapeDataString(userName.Trim())}&returnUrl={Uri.EscapeDataString(back)}");
    }

    private static async Task<RedirectHttpResult> OpenWallAsync([FromForm] string? token, HttpContext context, TokenRegistry registry,
        IOptions<AuthOptions> options, TimeProvider clock)
    {
        var entry = string.IsNullOrWhiteSpace(token) || token.Length > 200 ? null : registry.Find(token.Trim());
        if (entry is null || entry.Role != LensRoles.Display) return TypedResults.Redirect("/signin?error=display");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"display:{entry.Name}"),
            new Claim(ClaimTypes.Role, LensRoles.Display),
            new Claim(Caller.TokenClaim, entry.Sha256),
        ], IdentityConstants.ApplicationScheme);
        // A wall keeps this session for days; revoking the token ends it at the page's next revalidation.
        await context.SignInAsync(IdentityConstants.ApplicationScheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = true,
            AllowRefresh = true,
            ExpiresUtc = clock.GetUtcNow() + options.Value.DisplaySessionLifetime,
        });
        return TypedResults.Redirect("/wall");
    }

    /// <summary>Only a path on this site: never an absolute or protocol-relative address another site could plant.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        // Browsers drop tabs and newlines from a Location, so "/\t/evil.example" would become "//evil.example": control
        // characters and backslashes disqualify an address outright.
        returnUrl is { Length: > 0 and < 2000 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Any(c => char.IsControl(c) || c == '\\') && !url.StartsWith("/signin", StringComparison.OrdinalIgnoreCase)
            ? url : "/";
}
