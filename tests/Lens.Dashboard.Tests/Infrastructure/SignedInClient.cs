using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>A person signed in through the real sign-in form: created by the admin API, then a cookie session.</summary>
public static partial class SignedInClient
{
    public const string Password = "Test-password-1!";

    public static async Task<HttpClient> CreateAsync(LensAppFactory app, string userName, string[] roles, string[]? signOffRoles = null)
    {
        using (var admin = app.CreateClient())
        {
            var created = await admin.PostAsJsonAsync("/api/users", new { userName, password = Password, roles, signOffRoles = signOffRoles ?? [] });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        var client = app.CreateAnonymousClient();
        await SignInAsync(client, userName, Password);
        return client;
    }

    /// <summary>Posts the sign-in form with its antiforgery token; the client keeps the session cookie.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/signin");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in form has no antiforgery token.");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
