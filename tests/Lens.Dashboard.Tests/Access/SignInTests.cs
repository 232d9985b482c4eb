using System.Net;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lens.Dashboard.Tests.Access;

public sealed class SignInTests : AppTestBase
{
    private HttpClient Browserish() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static HttpClient Anonymous(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    [Fact]
    public async Task Anonymous_ApiPageAndPublicPaths_401ProblemRedirectAndOpen()
    {
        using var client = Anonymous(Browserish());

        var api = await client.GetAsync("/api/rollouts");
        var page = await client.GetAsync("/alerts?state=open");
        var health = await client.GetAsync("/health");
        var signIn = await client.GetAsync("/signin");
        var css = await client.GetAsync("/app.css");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await api.JsonAsync())["errors"]!["authorization"]);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Falerts%3Fstate%3Dopen", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task SignIn_RightPassword_GoesBackToTheAskedPageAndRecordsThePerson()
    {
        using var admin = App.CreateClient();
        (await admin.PostJsonAsync("/api/users", new { userName = "olga", password = SignedInClient.Password, roles = new[] { "oncall" } })).EnsureSuccessStatusCode();
        using var client = Anonymous(Browserish());

        var wrong = await SignedInClient.SignInAsync(client, "olga", "Wrong-password-1!", "/alerts");
        var right = await SignedInClient.SignInAsync(client, "olga", SignedInClient.Password, "/alerts");

        Assert.StartsWith("/signin?error=wrong", wrong.Headers.Location!.OriginalString);
        Assert.Equal("/alerts", right.Headers.Location!.OriginalString);
        var me = await (await client.GetAsync("/api/me")).JsonAsync();
        Assert.Equal("olga", (string?)me["name"]);
        Assert.Equal(["oncall"], me["roles"]!.AsArray().Select(r => (string)r!));
        (await client.PostJsonAsync("/api/killswitch", new { active = true, reason = "drill", actor = "not-olga" })).EnsureSuccessStatusCode();
        var killSwitch = (await (await admin.GetAsync("/api/killswitch")).JsonAsync()).AsArray().Single(k => (bool)k!["active"]!)!;
        Assert.Equal("olga", (string?)killSwitch["actor"]);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    public async Task SignIn_ForeignReturnUrl_GoesToTheOverviewInstead(string returnUrl)
    {
        using var admin = App.CreateClient();
        (await admin.PostJsonAsync("/api/users", new { userName = "rita", password = SignedInClient.Password, roles = new[] { "viewer" } })).EnsureSuccessStatusCode();
        using var client = Anonymous(Browserish());

        var response = await SignedInClient.SignInAsync(client, "rita", SignedInClient.Password, returnUrl);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = Anonymous(Browserish());

        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Session_PastItsLifetime_EndsAndSignOutEndsItAtOnce()
    {
        using var lasting = await SignedInClient.CreateAsync(App, "una", ["viewer"]);
        using var leaving = Anonymous(Browserish());
        await SignedInClient.SignInAsync(leaving, "una", SignedInClient.Password);
        Assert.Equal(HttpStatusCode.OK, (await lasting.GetAsync("/api/me")).StatusCode);

        var signOut = await leaving.PostAsync("/account/signout", null);
        Assert.Equal("/signin?signedOut=1", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.GetAsync("/api/me")).StatusCode);

        App.Clock.Advance(new AuthOptions().SessionLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await lasting.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task CookieWrite_FromAnotherSitesPage_Is403AndNothingChanges()
    {
        using var client = await SignedInClient.CreateAsync(App, "carl", ["oncall"]);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/killswitch") { Content = JsonContent(new { active = true, reason = "csrf" }) };
        foreign.Headers.Add("Origin", "https://evil.example");
        var refused = await client.SendAsync(foreign);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/killswitch") { Content = JsonContent(new { active = true, reason = "real" }) };
        own.Headers.Add("Origin", "http://localhost");
        var accepted = await client.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("evil.example", (string?)(await refused.JsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("real", (string?)(await accepted.JsonAsync())["reason"]);
    }

    private static HttpContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);

    [Fact]
    public async Task CookieWrite_FromThePublicBaseUrl_IsAcceptedBehindAProxy()
    {
        using var proxied = new LensAppFactory(settings: new Dictionary<string, string?> { ["Auth:PublicBaseUrl"] = "https://lens.example.com" });
        using var admin = proxied.CreateClient();
        (await admin.PostJsonAsync("/api/users", new { userName = "pia", password = SignedInClient.Password, roles = new[] { "oncall" } })).EnsureSuccessStatusCode();
        using var client = proxied.CreateAnonymousClient();
        await SignedInClient.SignInAsync(client, "pia", SignedInClient.Password);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/killswitch") { Content = JsonContent(new { active = true, reason = "from the proxied page" }) };
        request.Headers.Add("Origin", "https://lens.example.com");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_Anonymous_SaysOnlyWhetherItIsReady()
    {
        using var anonymous = App.CreateAnonymousClient();

        var body = await (await anonymous.GetAsync("/health/ready")).JsonAsync();

        Assert.Equal(["status"], body.AsObject().Select(p => p.Key));
        Assert.Equal("ready", (string?)body["status"]);
    }

    [Fact]
    public async Task RemovedUser_OpenSession_EndsWithinTheRevalidationInterval()
    {
        using var admin = App.CreateClient();
        using var eve = await SignedInClient.CreateAsync(App, "eve", ["admin"]);
        Assert.Equal(HttpStatusCode.OK, (await eve.GetAsync("/api/me")).StatusCode);

        (await admin.DeleteAsync("/api/users/eve")).EnsureSuccessStatusCode();
        App.Clock.Advance(new AuthOptions().RevalidationInterval + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await eve.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await eve.PostJsonAsync("/api/tokens", new { name = "backdoor", role = "admin" })).StatusCode);
    }
}
