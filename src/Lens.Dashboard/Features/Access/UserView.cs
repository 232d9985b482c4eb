namespace Lens.Dashboard.Features.Access;

/// <summary>A person who can sign in, with what they may do.</summary>
public sealed record UserView(string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> SignOffRoles);
