namespace Lens.EndToEnd.Tests.Infrastructure;

/// <summary>A person the browser tests sign in as; created through the admin API when the dashboard starts.</summary>
public sealed record E2eUser(string Name, string[] Roles, string[] SignOffRoles)
{
    public const string Password = "E2e-password-1!";
}
