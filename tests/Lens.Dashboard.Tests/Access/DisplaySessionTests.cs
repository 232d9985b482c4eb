using System.Net;
using System.Text.RegularExpressions;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lens.Dashboard.Tests.Access;

/// <summary>A wall opened once with a display token keeps its session for days, sees only the wall, and loses it when the token is revoked.</summary>
public sealed partial class DisplaySessionTests : IDisposable
{
    // The session cookie's expiry is written by the app's clock and read by the test's cookie jar on the real one.
    private readonly LensAppFactory _app = new(clock: new FakeTimeProvider(DateTimeOffset.UtcNow));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    private async Task<HttpClient> OpenWallAsync(string secret)
    {
        var wall = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        wall.DefaultRequestHeaders.Authorization = null;
        var token = Antiforgery().Match(await wall.GetStringAsync("/signin")).Groups[1].Value;
        var opened = await wall.PostAsync("/account/display", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = secret, ["__RequestVerificationToken"] = token }));
        Assert.Equal("/wall", opened.Headers.Location?.OriginalString);
        return wall;
    }

    [Fact]
    public async Task DisplaySession_DaysLater_StillOpensOnlyTheWallUntilTheTokenIsRevoked()
    {
        using var admin = _app.CreateClient();
        var secret = (string)(await (await admin.PostJsonAsync("/api/tokens", new { name = "lobby", role = "display" })).JsonAsync())["secret"]!;
        using var wall = await OpenWallAsync(secret);

        Assert.Equal(HttpStatusCode.OK, (await wall.GetAsync("/wall")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.OK, (await wall.GetAsync("/wall")).StatusCode);
        var other = await wall.GetAsync("/alerts");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Contains("denied=1", other.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await wall.GetAsync("/api/rollouts")).StatusCode);

        (await admin.DeleteAsync("/api/tokens/lobby")).EnsureSuccessStatusCode();

        var afterRevoke = await wall.GetAsync("/wall");
        Assert.Equal(HttpStatusCode.Redirect, afterRevoke.StatusCode);
        Assert.StartsWith("http://localhost/signin", afterRevoke.Headers.Location!.ToString());
    }

    [Fact]
    public async Task OpenWall_WithAServiceTokenOrNonsense_IsRefused()
    {
        var wall = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        wall.DefaultRequestHeaders.Authorization = null;
        foreach (var secret in new[] { LensAppFactory.SecretFor("service"), "nonsense" })
        {
            var token = Antiforgery().Match(await wall.GetStringAsync("/signin")).Groups[1].Value;
            var refused = await wall.PostAsync("/account/display", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = secret, ["__RequestVerificationToken"] = token }));
            Assert.Equal("/signin?error=display", refused.Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await wall.GetAsync("/wall")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
