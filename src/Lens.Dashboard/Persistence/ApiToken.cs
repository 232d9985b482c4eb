namespace Lens.Dashboard.Persistence;

/// <summary>
/// A bearer credential for a service, the CLI or a wall screen. Only the SHA-256 of its secret is kept: the secret
/// is shown once, when it is issued.
/// </summary>
public sealed class ApiToken
{
    private ApiToken() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static ApiToken Issue(string name, string role, string sha256, string createdBy, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Role = role,
        Sha256 = sha256,
        CreatedBy = createdBy,
        CreatedAt = at,
    };

    public void Revoke(string by, DateTimeOffset at)
    {
        if (!IsActive) throw new InvalidOperationException($"Token '{Name}' is already revoked.");
        RevokedAt = at;
        RevokedBy = by;
    }

    /// <summary>Best-effort bookkeeping: never moves backwards when flushes arrive out of order.</summary>
    public void MarkUsed(DateTimeOffset at)
    {
        if (LastUsedAt is null || at > LastUsedAt) LastUsedAt = at;
    }
}
