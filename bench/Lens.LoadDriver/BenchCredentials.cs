using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Lens.LoadDriver;

/// <summary>
/// How the driver signs in: an admin bearer token for the API (declared in the dashboard it starts, or LENS_TOKEN
/// for one given with --server), and a viewer's session cookie for the browser pages, got through the sign-in form.
/// </summary>
public static partial class BenchCredentials
{
    public const string CookieName = "lens.session";
    private const string ViewerName = "bench-viewer";
    private static readonly string ViewerPassword = "Bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "!a";

    public static string? Token { get; set; }

    public static string NewSecret() => "lens_bench_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public static string Sha256Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    public static HttpClient Client(Uri server, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = server;
        if (Token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return http;
    }

    /// <summary>
    /// A viewer's session cookie value, for pages opened in fresh browser contexts; null for a dashboard from before
    /// sign-in existed (measured side by side with this one), which has no users to sign in as.
    /// </summary>
    public static async Task<string?> ViewerCookieAsync(Uri server)
    {
        using (var admin = Client(server))
        {
            var created = await admin.PostAsJsonAsync("api/users", new { userName = ViewerName, password = ViewerPassword, roles = new[] { "viewer" } });
            if (created.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) return null;
            if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"Could not create the bench viewer: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server };
        var form = await http.GetStringAsync("signin");
        var token = Antiforgery().Match(form).Groups[1].Value;
        using var response = await http.PostAsync("account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = ViewerName, ["password"] = ViewerPassword, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        return cookies.GetCookies(server)[CookieName]?.Value
            ?? throw new InvalidOperationException($"Sign-in as {ViewerName} gave no session cookie ({(int)response.StatusCode} {response.Headers.Location}).");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
