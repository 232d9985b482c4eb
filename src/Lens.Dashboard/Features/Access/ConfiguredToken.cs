namespace Lens.Dashboard.Features.Access;

/// <summary><c>Auth:Tokens:{name}</c>: a token declared in configuration, by the SHA-256 of its secret.</summary>
public sealed class ConfiguredToken
{
    public string? Role { get; set; }
    /// <summary>Lowercase hex SHA-256 of the secret.</summary>
    public string? Sha256 { get; set; }
}
