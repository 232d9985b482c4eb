using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Access;

/// <summary>Configuration section "Auth".</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>Tokens declared by configuration, so automation and tests can start from nothing.</summary>
    public Dictionary<string, ConfiguredToken> Tokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a person's sign-in lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a wall screen stays signed in after it opened with its display token.</summary>
    public TimeSpan DisplaySessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often an open page checks that its sign-in (or its wall's display token) still stands.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The address people reach the dashboard at when it sits behind a proxy (https://lens.example.com): pages served
    /// from there may write with their sign-in even when the request reaches the app under another host name.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public Uri? PublicOrigin => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && PublicOrigin is not { Scheme: "http" or "https" })
            yield return new($"{Section}:PublicBaseUrl must be an absolute http(s) address, such as https://lens.example.com.", [nameof(PublicBaseUrl)]);
        if (SessionLifetime <= TimeSpan.Zero) yield return new($"{Section}:SessionLifetime must be positive.", [nameof(SessionLifetime)]);
        if (DisplaySessionLifetime <= TimeSpan.Zero) yield return new($"{Section}:DisplaySessionLifetime must be positive.", [nameof(DisplaySessionLifetime)]);
        if (RevalidationInterval <= TimeSpan.Zero) yield return new($"{Section}:RevalidationInterval must be positive.", [nameof(RevalidationInterval)]);
        foreach (var (name, token) in Tokens)
        {
            if (!TokenSecrets.IsValidName(name))
                yield return new($"{Section}:Tokens:{name}: a token name is 1–64 letters, digits, '-', '_' or '.'.", [nameof(Tokens)]);
            if (token.Role is null || !LensRoles.Tokens.Contains(token.Role))
                yield return new($"{Section}:Tokens:{name}:Role must be one of {string.Join(", ", LensRoles.Tokens)}.", [nameof(Tokens)]);
            if (token.Sha256 is null || !TokenSecrets.IsSha256Hex(token.Sha256))
                yield return new($"{Section}:Tokens:{name}:Sha256 must be the lowercase hex SHA-256 of the secret (64 characters 0-9a-f).", [nameof(Tokens)]);
        }
    }
}
