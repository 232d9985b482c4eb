using Lens.Dashboard.Persistence;
using Microsoft.Data.Sqlite;

namespace Lens.Dashboard.Features.Backup;

/// <summary>
/// A consistent copy of the live database, taken while it takes ingest. <c>VACUUM INTO</c> reads the database in one
/// read transaction, so under WAL the copy is the database as of the moment that transaction began, and writers are
/// not blocked. Copying the file itself would not do: the newest pages live in the -wal file and change under the copy.
/// </summary>
public sealed class DatabaseBackup(LensStorage storage, TimeProvider clock, ILogger<DatabaseBackup> logger)
{
    /// <summary>Writes the copy to a new temporary file and checks it; the caller owns (and deletes) the file.</summary>
    public async Task<BackupFile> TakeAsync(CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lens-backup-{Guid.NewGuid():N}.db");
        var startedAt = clock.GetUtcNow();
        try
        {
            await using (var live = new SqliteConnection(storage.ConnectionString))
            {
                await live.OpenAsync(ct);
                SqlitePragmas.Apply(live);
                await using var vacuum = live.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", path);
                // A large database takes longer than the default 30-s command timeout; the request's token still stops it.
                vacuum.CommandTimeout = 0;
                await vacuum.ExecuteNonQueryAsync(ct);
            }
            var integrity = await IntegrityCheckAsync(path, ct);
            var size = new FileInfo(path).Length;
            logger.LogInformation("Backup of the database: {Bytes} bytes, integrity {Integrity}", size, integrity);
            return new BackupFile(path, size, integrity, startedAt);
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    /// <summary>SQLite's own check of a database file: "ok", or the problems it found, one per line.</summary>
    public static async Task<string> IntegrityCheckAsync(string path, CancellationToken ct)
    {
        // No pooling: the file is deleted or handed on right after, and a pooled handle would keep it open.
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var copy = new SqliteConnection(connection);
        await copy.OpenAsync(ct);
        await using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        check.CommandTimeout = 0;
        var lines = new List<string>();
        await using var reader = await check.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }

    public static void Delete(string path)
    {
        try { File.Delete(path); } catch (IOException) { }
    }
}
