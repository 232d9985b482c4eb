using Microsoft.Data.Sqlite;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>
/// Holds the database's write lock from another connection, as a backup tool or a stuck writer would, until disposed.
/// Reads still work (WAL); every write waits.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private DatabaseLock(SqliteConnection connection) => _connection = connection;

    public static async Task<DatabaseLock> TakeAsync(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }
        return new DatabaseLock(connection);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
