namespace Lens.Dashboard.Features.Access;

/// <summary>A token the app accepts right now, as held in memory so that authentication never waits on the database.</summary>
/// <param name="Id">The stored token's id; null for tokens from configuration and the app's own.</param>
public sealed record TokenEntry(string Name, string Role, string Sha256, Guid? Id)
{
    /// <summary>The identity recorded in the audit log for what this token does.</summary>
    public string Actor => $"token:{Name}";
}
