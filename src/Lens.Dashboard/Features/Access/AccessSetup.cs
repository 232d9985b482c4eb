using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Access;

/// <summary>Sign-in for people (a cookie), bearer tokens for services, the CLI and walls, and the role policies.</summary>
public static class AccessSetup
{
    /// <summary>Picks the bearer handler when a request carries one, else the sign-in cookie.</summary>
    public const string Scheme = "Lens";

    public static WebApplicationBuilder AddLensAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var development = builder.Environment.IsDevelopment();

        var authentication = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Sign-in or bearer token", o => o.ForwardDefaultSelector = context =>
                BearerTokenHandler.Carries(context.Request) ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        authentication.AddIdentityCookies();
        var oidc = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Enabled) authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o => ConfigureSingleSignOn(o, oidc));
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => ConfigureSessionCookie(cookie, auth.Value));

        builder.Services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                // Development's demo users share the documented password "lens-demo"; Production keeps a strong policy.
                o.Password.RequiredLength = development ? 8 : 12;
                o.Password.RequireDigit = !development;
                o.Password.RequireUppercase = !development;
                o.Password.RequireNonAlphanumeric = !development;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LensDbContext>()
            .AddSignInManager();

        // A removed or changed person loses every open session within the revalidation interval (1 min), not Identity's 30.
        builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AuthOptions>>((o, auth) => o.ValidationInterval = auth.Value.RevalidationInterval);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(KeysFolder(builder)));
        builder.Services.AddAuthorization(LensPolicies.Add);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, LensAuthenticationStateProvider>();
        builder.Services.AddSingleton<TokenRegistry>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddHostedService<TokenUsageRecorder>();
        builder.Services.AddTransient<SelfCallCredentials>();
        RateLimits.Add(builder.Services);
        return builder;
    }

    public static WebApplication UseLensAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<SameOriginGuard>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Loads stored tokens and makes sure someone can sign in: demo users in Development, a first admin elsewhere.</summary>
    public static async Task PrepareLensAccessAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LensDbContext>();
            await app.Services.GetRequiredService<TokenRegistry>().LoadAsync(db, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().BootstrapAsync(app.Environment.IsDevelopment(), CancellationToken.None);
        }
    }

    /// <summary>Code flow with PKCE; the person's roles and sign-off roles come from the ID token, and the session is Lens's own cookie.</summary>
    private static void ConfigureSingleSignOn(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.ResponseType = "code";
        // Query, not form_post: the state cookies can then be SameSite=Lax and work on plain http inside a company network.
        o.ResponseMode = "query";
        o.UsePkce = true;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.SignInScheme = IdentityConstants.ApplicationScheme;
        o.CallbackPath = "/signin-oidc";
        o.GetClaimsFromUserInfoEndpoint = false;
        o.MapInboundClaims = false;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnRemoteFailure = context =>
        {
            // A refused or tampered sign-in goes back to the form with a plain message, never to an error page.
            context.Response.Redirect("/signin?error=sso");
            context.HandleResponse();
            return Task.CompletedTask;
        };
        o.Events.OnTicketReceived = context =>
        {
            // The provider decides who may sign in; Lens cannot ask it again, so the session ends at a fixed time and never slides.
            var lifetime = context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SessionLifetime;
            context.Properties!.AllowRefresh = false;
            context.Properties.ExpiresUtc = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() + lifetime;
            return Task.CompletedTask;
        };
        o.Events.OnTokenValidated = context =>
        {
            var token = context.Principal!;
            var name = token.FindFirst("preferred_username")?.Value ?? token.FindFirst("email")?.Value ?? token.FindFirst("sub")!.Value;
            var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme);
            // Prefixed, so a provider's user can never pass for a local one, a token, a wall or the rollout engine in the audit log.
            identity.AddClaim(new Claim(ClaimTypes.Name, "sso:" + name));
            identity.AddClaim(new Claim(SingleSignOnClaim, oidc.Authority!));
            foreach (var role in token.FindAll(oidc.RolesClaim).Select(c => c.Value).Where(LensRoles.People.Contains).Distinct())
                identity.AddClaim(new Claim(ClaimTypes.Role, role));
            foreach (var signOff in token.FindAll(oidc.SignOffRolesClaim).Select(c => c.Value).Distinct())
                identity.AddClaim(new Claim(LensRoles.SignOffClaim, signOff));
            context.Principal = new ClaimsPrincipal(identity);
            return Task.CompletedTask;
        };
    }

    /// <summary>Marks a session made by single sign-on: its person lives at the provider, not in Lens's user table.</summary>
    public const string SingleSignOnClaim = "lens:sso";

    private static void ConfigureSessionCookie(CookieAuthenticationOptions cookie, AuthOptions auth)
    {
        cookie.Cookie.Name = "lens.session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.LoginPath = "/signin";
        cookie.AccessDeniedPath = "/signin";
        cookie.ExpireTimeSpan = auth.SessionLifetime;
        cookie.SlidingExpiration = true;
        // A password session is checked against its user's security stamp now and then; a wall's session against its
        // display token on every request (revoked means signed out); a single sign-on session lasts its lifetime.
        var stampCheck = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnValidatePrincipal = async context =>
        {
            if (context.Principal?.FindFirst(Caller.TokenClaim)?.Value is { } sha)
            {
                if (!context.HttpContext.RequestServices.GetRequiredService<TokenRegistry>().IsActive(sha))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
                return;
            }
            if (context.Principal?.HasClaim(c => c.Type == SingleSignOnClaim) == true) return;
            await stampCheck(context);
        };
        cookie.Events.OnRedirectToLogin = context =>
        {
            if (AccessProblems.IsApiRequest(context.Request)) return AccessProblems.WriteUnauthorizedAsync(context.HttpContext);
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            if (AccessProblems.IsApiRequest(context.Request)) return AccessProblems.WriteForbiddenAsync(context.HttpContext);
            context.Response.Redirect(context.RedirectUri + "&denied=1");
            return Task.CompletedTask;
        };
    }

    /// <summary>Sign-in keys live beside the database, so sessions survive a restart and go with a backup.</summary>
    private static string KeysFolder(WebApplicationBuilder builder)
    {
        var file = new SqliteConnectionStringBuilder(PersistenceSetup.ConnectionStringOf(builder)).DataSource;
        var folder = file == ":memory:" ? Path.Combine(Path.GetTempPath(), "lens-keys") : Path.Combine(Path.GetDirectoryName(file)!, "keys");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
