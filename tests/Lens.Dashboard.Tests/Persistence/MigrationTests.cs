using Lens.Dashboard.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lens.Dashboard.Tests.Persistence;

public sealed class MigrationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-migrations-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private LensDbContext Context(string file) => new(new DbContextOptionsBuilder<LensDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder.FullName, file)}")
        .Options);

    [Fact]
    public async Task Migrate_FromEmpty_GivesExactlyTheSchemaTheModelDescribes()
    {
        await using var migrated = Context("migrated.db");
        await migrated.Database.MigrateAsync();
        await using var fromModel = Context("model.db");
        await fromModel.Database.EnsureCreatedAsync();

        var expected = await SchemaAsync(fromModel);
        var actual = await SchemaAsync(migrated);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrate_DatabaseFromFirstMigration_UpgradesInPlaceKeepingRows()
    {
        await using (var old = Context("old.db"))
        {
            await old.GetService<IMigrator>().MigrateAsync("20261122090000_Initial");
            Assert.DoesNotContain("KillSwitches", await TablesAsync(old));
            await old.Database.ExecuteSqlRawAsync("""
                INSERT INTO Releases (Id, Version, ConfigJson, Fingerprint, CreatedAt) VALUES ('0a8a3c2e-1111-4c7d-9a55-000000000001', '1.0.0', '{{}}', 'sha256:x', 0);
                INSERT INTO AuditEntries (At, RolloutId, Subject, Action, Actor, Reason, VerdictsJson) VALUES (0, NULL, 'release:1.0.0', 'Create', 'api', 'r', '[]');
                INSERT INTO Flags (Key, Salt, Percent, Version, RolloutId, UpdatedAt) VALUES ('f', 's', 10.0, 3, NULL, 0);
                """);
        }

        await using var upgraded = Context("old.db");
        await upgraded.Database.MigrateAsync();
        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        Assert.Equal("1.0.0", (await upgraded.Releases.SingleAsync()).Version);
        Assert.Equal("api", (await upgraded.AuditEntries.SingleAsync()).Actor);
        Assert.Equal(3, (await upgraded.Flags.SingleAsync()).Version);
        upgraded.MetricBuckets.Add(new MetricBucket { Flag = "f", Variant = 1, BucketStart = 10, Requests = 1, Errors = 0, Histogram = [] });
        await upgraded.SaveChangesAsync();
        Assert.Equal(1, await upgraded.MetricBuckets.CountAsync());
    }

    private static async Task<List<string>> TablesAsync(DbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND substr(name, 1, 4) <> '__EF'").ToListAsync();

    // Table names come from sqlite_master, not from input, and pragma functions cannot take them as parameters.
#pragma warning disable EF1002
    /// <summary>Every table's columns (name, type, not null, primary key position) and every index's columns and uniqueness.</summary>
    private static async Task<List<string>> SchemaAsync(DbContext db)
    {
        var schema = new List<string>();
        foreach (var table in (await TablesAsync(db)).Order())
        {
            schema.AddRange(await db.Database.SqlQueryRaw<string>(
                $"SELECT '{table}.' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk AS Value FROM pragma_table_info('{table}')").ToListAsync());
            schema.AddRange(await db.Database.SqlQueryRaw<string>(
                $"SELECT '{table} index ' || il.name || ' unique=' || il.\"unique\" || ' (' || (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) || ')' AS Value FROM pragma_index_list('{table}') il WHERE il.origin = 'c'").ToListAsync());
        }
        schema.Sort(StringComparer.Ordinal);
        return schema;
    }
#pragma warning restore EF1002
}
