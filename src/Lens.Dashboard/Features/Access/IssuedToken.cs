namespace Lens.Dashboard.Features.Access;

/// <summary>A new token with its secret: the only time the secret is ever shown.</summary>
public sealed record IssuedToken(string Name, string Role, string Secret, DateTimeOffset CreatedAt);
