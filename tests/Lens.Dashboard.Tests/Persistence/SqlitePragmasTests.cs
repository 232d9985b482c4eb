using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Persistence;

public sealed class SqlitePragmasTests
{
    [Fact]
    public async Task DbContext_Connection_WaitsForABusyDatabaseAndSyncsNormally()
    {
        using var app = new LensAppFactory();
        app.CreateClient();
        await using var db = await app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal(SqlitePragmas.BusyTimeoutMilliseconds, Scalar(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(1, Scalar(connection, "PRAGMA synchronous;")); // NORMAL
        Assert.Equal("wal", (string)Query(connection, "PRAGMA journal_mode;")!);
    }

    private static long Scalar(System.Data.Common.DbConnection connection, string sql) => Convert.ToInt64(Query(connection, sql));

    private static object? Query(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
