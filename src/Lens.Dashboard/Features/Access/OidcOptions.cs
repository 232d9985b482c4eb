using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// Configuration section "Auth:Oidc": single sign-on through a company's OpenID Connect provider, off unless
/// <see cref="Authority"/> is set. Roles come from the ID token's <see cref="RolesClaim"/> (values among viewer,
/// oncall, lead, manager, admin) and sign-off roles from <see cref="SignOffRolesClaim"/>.
/// </summary>
public sealed class OidcOptions : IValidatableObject
{
    public const string Section = "Auth:Oidc";
    public const string Scheme = "oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "single sign-on";
    public string RolesClaim { get; set; } = "roles";
    public string SignOffRolesClaim { get; set; } = "signoff_roles";
    /// <summary>Only for a provider on a private network without TLS (and tests); never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out _)) yield return new($"{Section}:Authority must be an absolute URL.", [nameof(Authority)]);
        if (string.IsNullOrWhiteSpace(ClientId)) yield return new($"{Section}:ClientId is required when {Section}:Authority is set.", [nameof(ClientId)]);
    }
}
