namespace Lens.Dashboard.Features.Backup;

/// <summary>A finished backup on disk: where, how large, what <c>PRAGMA integrity_check</c> said, and when the copy began.</summary>
public sealed record BackupFile(string Path, long Bytes, string Integrity, DateTimeOffset TakenAt)
{
    public const string IntegrityOk = "ok";

    public bool Intact => Integrity == IntegrityOk;
}
