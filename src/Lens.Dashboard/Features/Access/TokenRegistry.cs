using System.Collections.Concurrent;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// Every token the app accepts, in memory: authentication looks a bearer secret up here and never touches the
/// database. Stored tokens are loaded at start and kept in step by <see cref="TokenService"/>; last-used times are
/// collected here and written in the background, best-effort.
/// </summary>
public sealed class TokenRegistry
{
    /// <summary>The app's own identity when the demo, the sentinel and the live bench call its API.</summary>
    public const string InternalName = "lens-internal";

    private readonly ConcurrentDictionary<string, TokenEntry> _bySha = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _used = new();
    private readonly TimeProvider _clock;

    public TokenRegistry(IOptions<AuthOptions> options, TimeProvider clock)
    {
        _clock = clock;
        InternalSecret = TokenSecrets.New();
        Put(new TokenEntry(InternalName, LensRoles.Service, TokenSecrets.Hash(InternalSecret), null));
        foreach (var (name, token) in options.Value.Tokens)
            Put(new TokenEntry(name, token.Role!, token.Sha256!, null));
    }

    /// <summary>A fresh random secret each start: it never leaves the process.</summary>
    public string InternalSecret { get; }

    public async Task LoadAsync(LensDbContext db, CancellationToken ct)
    {
        foreach (var token in await db.ApiTokens.AsNoTracking().Where(t => t.RevokedAt == null).ToListAsync(ct))
            Put(From(token));
    }

    public TokenEntry? Find(string secret)
    {
        if (!_bySha.TryGetValue(TokenSecrets.Hash(secret), out var entry)) return null;
        if (entry.Id is { } id) _used[id] = _clock.GetUtcNow();
        return entry;
    }

    public bool IsActive(string sha256) => _bySha.ContainsKey(sha256);

    public bool NameInUse(string name) => _bySha.Values.Any(e => e.Name == name);

    public void Add(ApiToken token) => Put(From(token));

    public void Remove(string sha256) => _bySha.TryRemove(sha256, out _);

    /// <summary>Hands over the last-used times gathered since the last call.</summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset> TakeUsage()
    {
        var taken = new Dictionary<Guid, DateTimeOffset>();
        foreach (var id in _used.Keys)
            if (_used.TryRemove(id, out var at)) taken[id] = at;
        return taken;
    }

    private void Put(TokenEntry entry) => _bySha[entry.Sha256] = entry;

    private static TokenEntry From(ApiToken token) => new(token.Name, token.Role, token.Sha256, token.Id);
}
