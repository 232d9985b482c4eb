using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Access;

/// <summary>Issues, lists and revokes tokens: the one place the API, the page and the CLI go through.</summary>
public sealed class TokenService(IDbContextFactory<LensDbContext> dbFactory, TokenRegistry registry, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IssuedToken> IssueAsync(string? name, string? role, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || !TokenSecrets.IsValidName(name.Trim()))
            errors["name"] = ["A token name is 1–64 letters, digits, '-', '_' or '.'."];
        if (string.IsNullOrWhiteSpace(role) || !LensRoles.Tokens.Contains(role.Trim()))
            errors["role"] = [$"The role must be one of {string.Join(", ", LensRoles.Tokens)}."];
        if (errors.Count > 0) throw new LensValidationException(errors);
        name = name!.Trim();
        role = role!.Trim();

        await _gate.WaitAsync(ct);
        try
        {
            if (registry.NameInUse(name) || options.Value.Tokens.ContainsKey(name) || name == TokenRegistry.InternalName)
                throw new LensRequestException("name", $"A token named '{name}' already exists. Revoke it first or choose another name.", StatusCodes.Status409Conflict);
            var secret = TokenSecrets.New();
            var now = clock.GetUtcNow();
            var token = ApiToken.Issue(name, role, TokenSecrets.Hash(secret), actor, now);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.ApiTokens.Add(token);
            db.AuditEntries.Add(AuditEntry.ForSubject($"token:{name}", "Issue", actor, $"Token for role {role}.", now));
            await db.SaveChangesAsync(ct);
            registry.Add(token);
            return new IssuedToken(name, role, secret, now);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<TokenView>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ApiTokens.AsNoTracking().Where(t => t.RevokedAt == null).ToListAsync(ct);
        return
        [
            .. options.Value.Tokens.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TokenView(t.Key, t.Value.Role!, "configuration", null, null, null)),
            .. stored.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new TokenView(t.Name, t.Role, "stored", t.CreatedAt, t.CreatedBy, t.LastUsedAt)),
        ];
    }

    public async Task RevokeAsync(string name, string actor, CancellationToken ct)
    {
        if (options.Value.Tokens.ContainsKey(name))
            throw new LensRequestException("name", $"Token '{name}' is declared in configuration (Auth:Tokens:{name}); remove it there.", StatusCodes.Status409Conflict);
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Name == name && t.RevokedAt == null, ct)
                ?? throw new LensRequestException("name", $"There is no active token named '{name}'.", StatusCodes.Status404NotFound);
            var now = clock.GetUtcNow();
            token.Revoke(actor, now);
            db.AuditEntries.Add(AuditEntry.ForSubject($"token:{name}", "Revoke", actor, "Token revoked.", now));
            await db.SaveChangesAsync(ct);
            registry.Remove(token.Sha256);
        }
        finally
        {
            _gate.Release();
        }
    }
}
