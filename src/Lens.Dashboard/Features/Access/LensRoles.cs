namespace Lens.Dashboard.Features.Access;

/// <summary>
/// Who may do what. People hold one or more of <see cref="People"/>; tokens hold one role. The policies in
/// <see cref="LensPolicies"/> say which roles each action needs.
/// </summary>
public static class LensRoles
{
    public const string Viewer = "viewer";
    public const string OnCall = "oncall";
    public const string Lead = "lead";
    public const string Manager = "manager";
    public const string Admin = "admin";
    /// <summary>Search services and automation: ingest, flags and the flag stream, nothing else.</summary>
    public const string Service = "service";
    /// <summary>A wall screen: the wall page only.</summary>
    public const string Display = "display";

    /// <summary>The claim naming a sign-off role (engineering-lead, product, sre, …) a person may decide for.</summary>
    public const string SignOffClaim = "lens:signoff";

    public static readonly IReadOnlyList<string> People = [Viewer, OnCall, Lead, Manager, Admin];
    public static readonly IReadOnlyList<string> Tokens = [Service, Display, Viewer, OnCall, Lead, Manager, Admin];
}
