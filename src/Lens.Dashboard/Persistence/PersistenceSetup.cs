using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Persistence;

public static class PersistenceSetup
{
    public const string ConnectionStringKey = "ConnectionStrings:Lens";
    public const string DefaultConnectionString = "Data Source=data/lens.db";

    public static WebApplicationBuilder AddLensPersistence(this WebApplicationBuilder builder)
    {
        var connectionString = ConnectionStringOf(builder);
        builder.Services.AddSingleton(new LensStorage(connectionString));
        builder.Services.AddDbContextFactory<LensDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
        return builder;
    }

    /// <summary>The configured SQLite connection string (or the default), resolved against the content root.</summary>
    public static string ConnectionStringOf(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[ConnectionStringKey];
        return ResolveConnectionString(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured, builder.Environment.ContentRootPath);
    }

    /// <summary>Makes a relative SQLite file path absolute under the content root and creates its folder.</summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder parsed;
        try
        {
            parsed = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is not a valid SQLite connection string: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(parsed.DataSource))
            throw new InvalidOperationException($"{ConnectionStringKey} must name a database file (Data Source=...).");
        if (parsed.DataSource != ":memory:" && parsed.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(parsed.DataSource) ? parsed.DataSource : Path.Combine(contentRoot, parsed.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            parsed.DataSource = Path.GetFullPath(path);
        }
        parsed.Pooling = true;
        return parsed.ToString();
    }

    /// <summary>Applies migrations and switches the database to WAL before the app serves anything.</summary>
    public static async Task MigrateLensDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<LensDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
