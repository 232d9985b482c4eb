using System.Security.Claims;
using System.Security.Cryptography;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Access;

/// <summary>Creates, lists and removes people, and makes sure someone can sign in on a fresh install.</summary>
public sealed class UserAdministration(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, LensDbContext db, TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    public const string DemoPassword = "lens-demo";
    public const string DemoManagerSignOffRole = "product";

    public async Task BootstrapAsync(bool development, CancellationToken ct)
    {
        foreach (var role in LensRoles.People)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), "role");

        if (development)
        {
            // Whatever Demo:Enabled says: a developer can always sign in as each role. Never outside Development.
            foreach (var role in LensRoles.People)
                if (await users.FindByNameAsync(role) is null)
                    await CreateAsync(role, DemoPassword, [role], role == LensRoles.Manager ? [DemoManagerSignOffRole] : [], "bootstrap", ct);
            return;
        }

        if (await db.Users.AnyAsync(ct)) return;
        var password = FirstAdminPassword();
        await CreateAsync("admin", password, [LensRoles.Admin], [], "bootstrap", ct);
        // Shown once, as Argo CD does; only its hash is stored.
        logger.LogWarning("No users existed, so an admin was created. Sign in as 'admin' with password {Password} and change it. This password is not shown again.", password);
    }

    public async Task<UserView> CreateAsync(string? userName, string? password, IReadOnlyList<string>? roleNames, IReadOnlyList<string>? signOffRoles,
        string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 64 || !userName.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@'))
            errors["userName"] = ["A user name is 1–64 letters, digits, '-', '_', '.' or '@'."];
        if (string.IsNullOrEmpty(password) || password.Length > 200) errors["password"] = ["A password is required (at most 200 characters)."];
        if (roleNames is null || roleNames.Count == 0 || roleNames.Any(r => !LensRoles.People.Contains(r)))
            errors["roles"] = [$"Give one or more of {string.Join(", ", LensRoles.People)}."];
        if (signOffRoles is not null && signOffRoles.Any(r => string.IsNullOrWhiteSpace(r) || r.Length > 64))
            errors["signOffRoles"] = ["A sign-off role is a name of at most 64 characters, such as product or sre."];
        if (errors.Count > 0) throw new LensValidationException(errors);

        var user = new IdentityUser(userName!.Trim());
        if (await users.FindByNameAsync(user.UserName!) is not null)
            throw new LensRequestException("userName", $"A user named '{user.UserName}' already exists.", StatusCodes.Status409Conflict);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
            throw new LensRequestException(created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "userName",
                string.Join(" ", created.Errors.Select(e => e.Description)), StatusCodes.Status400BadRequest);
        Check(await users.AddToRolesAsync(user, roleNames!.Distinct()), "roles");
        foreach (var signOff in (signOffRoles ?? []).Select(r => r.Trim()).Distinct())
            Check(await users.AddClaimAsync(user, new Claim(LensRoles.SignOffClaim, signOff)), "signOffRoles");
        db.AuditEntries.Add(AuditEntry.ForSubject($"user:{user.UserName}", "Create", actor,
            $"Roles {string.Join(", ", roleNames!)}{(signOffRoles is { Count: > 0 } ? $"; sign-off for {string.Join(", ", signOffRoles)}" : "")}.", clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await ViewAsync(user);
    }

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var views = new List<UserView>(all.Count);
        foreach (var user in all) views.Add(await ViewAsync(user));
        return views;
    }

    /// <summary>Deletes are one at a time, so two admins removing each other cannot leave none.</summary>
    private static readonly SemaphoreSlim DeleteGate = new(1, 1);

    public async Task DeleteAsync(string userName, string actor, CancellationToken ct)
    {
        await DeleteGate.WaitAsync(ct);
        try { await DeleteOneAsync(userName, actor, ct); }
        finally { DeleteGate.Release(); }
    }

    private async Task DeleteOneAsync(string userName, string actor, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName)
            ?? throw new LensRequestException("userName", $"There is no user named '{userName}'.", StatusCodes.Status404NotFound);
        if (await users.IsInRoleAsync(user, LensRoles.Admin) && (await users.GetUsersInRoleAsync(LensRoles.Admin)).Count == 1)
            throw new LensRequestException("userName", $"'{userName}' is the last admin; make another admin first.", StatusCodes.Status409Conflict);
        Check(await users.DeleteAsync(user), "userName");
        db.AuditEntries.Add(AuditEntry.ForSubject($"user:{userName}", "Delete", actor, "User removed.", clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    private async Task<UserView> ViewAsync(IdentityUser user) => new(user.UserName!,
        (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(),
        (await users.GetClaimsAsync(user)).Where(c => c.Type == LensRoles.SignOffClaim).Select(c => c.Value).Order(StringComparer.Ordinal).ToList());

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded) throw new LensRequestException(field, string.Join(" ", result.Errors.Select(e => e.Description)), StatusCodes.Status400BadRequest);
    }

    /// <summary>Random, and inside the strong policy: upper, lower, digit and symbol, 20 characters.</summary>
    private static string FirstAdminPassword() =>
        "Lx7-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'a').Replace('/', 'b').TrimEnd('=');
}
