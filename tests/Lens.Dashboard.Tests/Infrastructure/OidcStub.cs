using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect provider on loopback: discovery, keys, an authorize endpoint that signs the configured person
/// straight in, and a token endpoint that returns an RS256 ID token carrying their roles. Only what the code flow needs.
/// </summary>
public sealed class OidcStub : IAsyncDisposable
{
    public const string ClientId = "lens-dashboard";
    public const string ClientSecret = "stub-secret";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, (string Nonce, string RedirectUri)> _codes = new();
    private readonly LocalHttpServer _server;

    public OidcStub()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = "stub-key-1" };
        _server = new LocalHttpServer(HandleAsync);
    }

    public string Authority => _server.Url("");
    public string UserName { get; set; } = "olivia";
    public string[] Roles { get; set; } = ["lead"];
    public string[] SignOffRoles { get; set; } = [];
    public int TokenRequests { get; private set; }

    public Task StartAsync() => _server.StartAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        switch (path)
        {
            case "/.well-known/openid-configuration":
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["issuer"] = Authority,
                    ["authorization_endpoint"] = Authority + "/authorize",
                    ["token_endpoint"] = Authority + "/token",
                    ["jwks_uri"] = Authority + "/jwks",
                    ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["code_challenge_methods_supported"] = new[] { "S256" },
                });
                break;
            case "/jwks":
                var parameters = _rsa.ExportParameters(false);
                await context.Response.WriteAsJsonAsync(new
                {
                    keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
                });
                break;
            case "/authorize":
                var code = Guid.NewGuid().ToString("N");
                var redirect = context.Request.Query["redirect_uri"].ToString();
                _codes[code] = (context.Request.Query["nonce"].ToString(), redirect);
                context.Response.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(context.Request.Query["state"].ToString())}");
                break;
            case "/token":
                TokenRequests++;
                var form = await context.Request.ReadFormAsync();
                if (!_codes.TryRemove(form["code"].ToString(), out var issued) || form["client_id"] != ClientId && !context.Request.Headers.Authorization.ToString().StartsWith("Basic", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 400;
                    await context.Response.WriteAsJsonAsync(new { error = "invalid_grant" });
                    return;
                }
                await context.Response.WriteAsJsonAsync(new { access_token = "stub-access", token_type = "Bearer", expires_in = 300, id_token = IdToken(issued.Nonce) });
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private string IdToken(string nonce)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "stub-" + UserName,
            ["preferred_username"] = UserName,
            ["nonce"] = nonce,
            ["roles"] = Roles,
            ["signoff_roles"] = SignOffRoles,
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-5),
            Expires = now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _rsa.Dispose();
    }
}
