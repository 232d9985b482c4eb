namespace Lens.Dashboard.Features.Access;

/// <summary>A token as listed: never its secret, which is shown once when it is issued.</summary>
public sealed record TokenView(string Name, string Role, string Source, DateTimeOffset? CreatedAt, string? CreatedBy, DateTimeOffset? LastUsedAt);
