using Microsoft.AspNetCore.Authorization;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// One policy per kind of action. Each role includes the ones below it (viewer ⊂ oncall ⊂ lead); manager adds
/// sign-off to viewer; admin may do everything except decide a sign-off without holding that sign-off role.
/// </summary>
public static class LensPolicies
{
    public const string Read = "lens:read";
    public const string OnCall = "lens:oncall";
    public const string Lead = "lens:lead";
    public const string Manager = "lens:manager";
    public const string Admin = "lens:admin";
    public const string Ingest = "lens:ingest";
    public const string Flags = "lens:flags";
    public const string Wall = "lens:wall";

    private static readonly string[] Readers = [LensRoles.Viewer, LensRoles.OnCall, LensRoles.Lead, LensRoles.Manager, LensRoles.Admin];

    /// <summary>The roles each policy admits, for the policies themselves and for tests that enumerate them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roles = new Dictionary<string, IReadOnlyList<string>>
    {
        [Read] = Readers,
        [OnCall] = [LensRoles.OnCall, LensRoles.Lead, LensRoles.Admin],
        [Lead] = [LensRoles.Lead, LensRoles.Admin],
        [Manager] = [LensRoles.Manager, LensRoles.Admin],
        [Admin] = [LensRoles.Admin],
        [Ingest] = [LensRoles.Service, LensRoles.Admin],
        [Flags] = [LensRoles.Service, .. Readers],
        [Wall] = [LensRoles.Display, .. Readers],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in Roles)
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
    }

    public static bool Admits(string policy, IEnumerable<string> roles) => Roles[policy].Intersect(roles).Any();
}
