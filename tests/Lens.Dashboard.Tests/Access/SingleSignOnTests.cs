using System.Net;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lens.Dashboard.Tests.Access;

/// <summary>Single sign-on through an OpenID Connect provider: a stub provider started by the test, the code flow end to end.</summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private readonly OidcStub _provider = new();
    private LensAppFactory _app = default!;

    public async ValueTask InitializeAsync()
    {
        await _provider.StartAsync();
        // Cookies the sign-in sets expire by the app's clock; the test's cookie jar reads them by the real one.
        _app = new LensAppFactory(clock: new FakeTimeProvider(DateTimeOffset.UtcNow), settings: new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = _provider.Authority,
            ["Auth:Oidc:ClientId"] = OidcStub.ClientId,
            ["Auth:Oidc:ClientSecret"] = OidcStub.ClientSecret,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:DisplayName"] = "Stub SSO",
        });
    }

    private HttpClient Browser()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>Follows the code flow as a browser would: to the provider, back to the app's callback, on to the page.</summary>
    private async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string returnUrl)
    {
        var start = await browser.GetAsync($"/account/sso?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith(_provider.Authority + "/authorize", start.Headers.Location!.ToString());
        using var outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = await outside.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        return await browser.GetAsync(authorize.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_ThroughTheProvider_LandsOnThePageWithTheTokensRoles()
    {
        _provider.UserName = "olivia";
        _provider.Roles = ["manager", "not-a-lens-role"];
        _provider.SignOffRoles = ["sre"];
        using var browser = Browser();

        var callback = await SignInAsync(browser, "/alerts");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/alerts", callback.Headers.Location!.OriginalString);
        Assert.Equal(1, _provider.TokenRequests);
        var me = await (await browser.GetAsync("/api/me")).JsonAsync();
        Assert.Equal("sso:olivia", (string?)me["name"]);
        Assert.Equal(["manager"], me["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["sre"], me["signOffRoles"]!.AsArray().Select(r => (string)r!));
        // What the provider says this person is, is what they may do: a manager decides for sre, and may not start rollouts.
        using var admin = _app.CreateClient();
        await admin.CreateReleaseAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostJsonAsync("/api/releases/2.4.0/decisions", new { role = "sre", approved = true, reason = "via SSO" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostJsonAsync("/api/rollouts", Requests.Rollout())).StatusCode);
        var decision = (await (await admin.GetAsync("/api/releases/2.4.0/signoff")).JsonAsync())["decisions"]!.AsArray().Single()!;
        Assert.Equal("sso:olivia", (string?)decision["actor"]);
    }

    [Fact]
    public async Task Callback_TamperedState_GoesBackToTheFormNot500()
    {
        using var browser = Browser();

        var response = await browser.GetAsync("/signin-oidc?code=x&state=garbage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?error=sso", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignInPage_WithSingleSignOnConfigured_OffersIt()
    {
        using var browser = Browser();

        var page = await browser.GetStringAsync("/signin?returnUrl=%2Falerts");

        Assert.Contains("Sign in with Stub SSO", page);
        Assert.Contains("/account/sso?returnUrl=%2Falerts", page);
    }

    [Fact]
    public async Task Sso_NotConfigured_Is404AndNotOffered()
    {
        using var plain = new LensAppFactory();
        using var browser = plain.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/account/sso")).StatusCode);
        Assert.DoesNotContain("Sign in with", await browser.GetStringAsync("/signin"));
    }

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        await _provider.DisposeAsync();
    }
}
