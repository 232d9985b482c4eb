using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lens.Dashboard.Persistence;

/// <summary>
/// The per-connection settings every connection to the Lens database gets (EF's and the ingest journal's):
/// <list type="bullet">
/// <item>SQLite waits for a busy database itself. Without a busy timeout it answers "busy" at once and
/// Microsoft.Data.Sqlite sleeps 150 ms before trying again: an automatic rollback that met an ingest commit reached
/// the flag stream 150 ms late (the load driver's breach benchmark).</item>
/// <item>synchronous=NORMAL, which in WAL mode survives a killed process and loses the last commits only on power
/// loss, instead of an fsync on every commit in the middle of a rollback.</item>
/// </list>
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }
}
