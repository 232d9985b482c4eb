using System.Net;
using Lens.Dashboard.Features.Backup;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Operations;

/// <summary>POST /api/backup under load, restored as the app's database: nothing present when the backup began is missing.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly LensAppFactory _app = new();
    private readonly string _restoreFolder = Directory.CreateTempSubdirectory("lens-restore-").FullName;

    public void Dispose()
    {
        _app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_restoreFolder, recursive: true); } catch (IOException) { }
    }

    private sealed record Snapshot(HashSet<Guid> Rollouts, HashSet<Guid> Alerts, HashSet<long> Audit);

    private static async Task<Snapshot> SnapshotAsync(LensAppFactory app)
    {
        await using var db = await app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        return new Snapshot(
            (await db.Rollouts.Select(r => r.Id).ToListAsync()).ToHashSet(),
            (await db.Alerts.Select(a => a.Id).ToListAsync()).ToHashSet(),
            (await db.AuditEntries.Select(a => a.Id).ToListAsync()).ToHashSet());
    }

    [Fact]
    public async Task Backup_TakenWhileIngestAndWritesRun_RestoresEverythingPresentWhenItBegan()
    {
        var admin = _app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await admin.CreateReleaseAsync($"1.{i}.0");
            await admin.CreateRolloutAsync(Requests.Rollout($"flag-{i}", $"1.{i}.0"));
            (await admin.PostJsonAsync("/api/alerts", new { severity = "WARN", title = $"seeded {i}" })).EnsureSuccessStatusCode();
        }

        // Ingest on every flag, and new releases and alerts (each with its audit entry), until the backup is home.
        using var stop = new CancellationTokenSource();
        var ingested = 0;
        var written = 0;
        var ingest = Task.Run(async () =>
        {
            using var service = _app.CreateClientAs("service");
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var response = await service.PostAsync("/api/ingest", new IngestBody($"flag-{n % 3}").Healthy(200).Healthy(200, "baseline").ToContent());
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                Interlocked.Increment(ref ingested);
            }
        });
        var writes = Task.Run(async () =>
        {
            using var client = _app.CreateClient();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await client.CreateReleaseAsync($"9.{n}.0");
                (await client.PostJsonAsync("/api/alerts", new { severity = "WARN", title = $"during load {n}" })).EnsureSuccessStatusCode();
                Interlocked.Increment(ref written);
            }
        });
        await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref ingested) + Volatile.Read(ref written)), n => n >= 10,
            TimeSpan.FromSeconds(30), "load under way");

        var before = await SnapshotAsync(_app);
        var response = await admin.PostAsync("/api/backup", null);
        var restored = Path.Combine(_restoreFolder, "lens.db");
        await using (var file = File.Create(restored)) await response.Content.CopyToAsync(file);
        await stop.CancelAsync();
        await Task.WhenAll(ingest, writes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", response.Headers.GetValues(BackupApi.IntegrityHeader).Single());
        Assert.Equal(new FileInfo(restored).Length, long.Parse(response.Headers.GetValues(BackupApi.SizeHeader).Single()));
        Assert.Equal("ok", await DatabaseBackup.IntegrityCheckAsync(restored, CancellationToken.None));
        Assert.True(before.Audit.Count > 6 && before.Alerts.Count > 3, $"{before.Audit.Count} audit entries, {before.Alerts.Count} alerts before the backup");

        // Restored: the copy is the database of a freshly started dashboard.
        using var restoredApp = new LensAppFactory(_restoreFolder);
        var after = await SnapshotAsync(restoredApp);
        Assert.Empty(before.Rollouts.Except(after.Rollouts));
        Assert.Empty(before.Alerts.Except(after.Alerts));
        Assert.Empty(before.Audit.Except(after.Audit));
        using var restoredClient = restoredApp.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await restoredClient.GetAsync("/api/rollouts")).StatusCode);
    }

    [Fact]
    public async Task Backup_AsAdmin_IsAudited()
    {
        using var admin = _app.CreateClient();

        var response = await admin.PostAsync("/api/backup", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        await using var db = await _app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.Subject == "database");
        Assert.Equal("Backup", entry.Action);
        Assert.Equal("token:test-admin", entry.Actor);
        Assert.EndsWith("integrity ok", entry.Reason);
    }

    [Theory]
    [InlineData("lead")]
    [InlineData("viewer")]
    [InlineData("manager")]
    public async Task Backup_NotAnAdmin_Is403WithNoAuditEntry(string role)
    {
        using var client = _app.CreateClientAs(role);

        var response = await client.PostAsync("/api/backup", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = await _app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Subject == "database"));
    }
}
