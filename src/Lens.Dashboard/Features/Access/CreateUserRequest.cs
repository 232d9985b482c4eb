namespace Lens.Dashboard.Features.Access;

/// <summary><c>POST /api/users</c>: <c>{"userName","password","roles":[…],"signOffRoles":[…]}</c>.</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, IReadOnlyList<string>? Roles, IReadOnlyList<string>? SignOffRoles);
