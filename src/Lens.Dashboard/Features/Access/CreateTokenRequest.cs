namespace Lens.Dashboard.Features.Access;

/// <summary><c>POST /api/tokens</c>: <c>{"name","role"}</c>.</summary>
public sealed record CreateTokenRequest(string? Name, string? Role);
