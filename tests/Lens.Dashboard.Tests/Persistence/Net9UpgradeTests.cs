using System.Net.Http.Json;
using System.Text.Json;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Lens.Dashboard.Tests.Persistence;

/// <summary>A database written by the .NET 9 release (see Fixtures/README.md) opens in today's app with every row kept.</summary>
public sealed class Net9UpgradeTests : IDisposable
{
    private static readonly string[] Tables =
    [
        "Alerts", "AuditEntries", "BenchRuns", "DetectorObservations", "Detectors", "Flags", "GateVerdicts",
        "KillSwitches", "MetricBuckets", "Outbox", "ProbeRuns", "Releases", "Rollouts",
    ];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-upgrade-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task DatabaseFromNet9Release_UpgradesInPlaceKeepingEveryRow()
    {
        var database = Path.Combine(_folder.FullName, "lens.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", "lens-e76ffb6.db"), database);
        var before = await CountRowsAsync(database);
        Assert.Equal(19, before["Alerts"]);
        Assert.Equal(5, before["Rollouts"]);

        using (var app = new LensAppFactory(folder: _folder.FullName))
        using (var client = app.CreateClient())
        {
            // Every kind of row is read back through the app, not only counted.
            var rollouts = await client.GetFromJsonAsync<JsonElement>("/api/rollouts");
            Assert.Equal(before["Rollouts"], rollouts.GetArrayLength());
            Assert.Contains(rollouts.EnumerateArray(), r => r.GetProperty("state").GetString() == "RolledBack");
            var releases = await client.GetFromJsonAsync<JsonElement>("/api/releases");
            Assert.Equal(before["Releases"], releases.GetArrayLength());
            var alerts = await client.GetFromJsonAsync<JsonElement>("/api/alerts?state=all&limit=500");
            Assert.Equal(before["Alerts"], alerts.GetArrayLength());
            var detectors = await client.GetFromJsonAsync<JsonElement>("/api/detectors");
            Assert.Contains(detectors.EnumerateArray(), d => d.GetProperty("name").GetString() == "recall_at_50" && d.GetProperty("inAlarm").GetBoolean());
            var benches = await client.GetFromJsonAsync<JsonElement>("/api/releases/demo-1.0.0/bench");
            Assert.Contains(benches.EnumerateArray(), b => b.GetProperty("status").GetString() == "completed");
            // Benches stored before the measures followed trec_eval 10.0 say so, rather than mixing in silently.
            Assert.All(benches.EnumerateArray(), b => Assert.Equal("trec_eval 9", b.GetProperty("measuresFollow").GetString()));
            var report = await client.GetStringAsync("/api/releases/demo-1.0.0/report.md");
            Assert.Contains("Measures follow trec_eval 10.0. Some benches of this release were measured with trec_eval 9", report);
            var signOff = await client.GetFromJsonAsync<JsonElement>("/api/releases/demo-1.0.0/signoff");
            Assert.Equal("rejected", signOff.GetProperty("verdict").GetString());
            var rolledBack = rollouts.EnumerateArray().First(r => r.GetProperty("state").GetString() == "RolledBack").GetProperty("id").GetString();
            var audit = await client.GetFromJsonAsync<JsonElement>($"/api/rollouts/{rolledBack}/audit");
            Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "AutoRollback");
        }

        var after = await CountRowsAsync(database);
        Assert.Contains("20261129085457_GeneratedMigrationsBaseline", await AppliedMigrationsAsync(database));
        foreach (var table in Tables)
            Assert.True(after[table] >= before[table], $"{table}: {before[table]} rows before the upgrade, {after[table]} after.");
    }

    private static async Task<List<string>> AppliedMigrationsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(string database)
    {
        var counts = new Dictionary<string, long>();
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
