using Lens.Dashboard.Features.Backup;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Operations;

/// <summary><c>lens backup --out FILE [--force]</c>, in process against the real pipeline.</summary>
public sealed class BackupCliTests : AppTestBase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lens-backup-cli-").FullName;

    private string Target => Path.Combine(_folder, "copy.db");

    [Fact]
    public async Task Backup_NewFile_WritesAnIntactCopyOfTheDatabase()
    {
        await Client.CreateReleaseAsync("4.0.0");

        var result = InProcessCli.Run(App, "backup", "--out", Target);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("integrity ok", result.Out);
        Assert.Equal("ok", await DatabaseBackup.IntegrityCheckAsync(Target, CancellationToken.None));
        await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Target};Pooling=False");
        await copy.OpenAsync();
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT Version FROM Releases";
        Assert.Equal("4.0.0", (string?)await command.ExecuteScalarAsync());
        Assert.False(File.Exists(Target + ".partial"));
    }

    [Fact]
    public void Backup_FileExists_RefusesWithoutForceAndLeavesItAlone()
    {
        File.WriteAllText(Target, "precious");

        var result = InProcessCli.Run(App, "backup", "--out", Target);

        Assert.Equal(2, result.Exit);
        Assert.Contains("already exists; give --force", result.Err);
        Assert.Equal("precious", File.ReadAllText(Target));
    }

    [Fact]
    public async Task Backup_FileExistsWithForce_OverwritesIt()
    {
        File.WriteAllText(Target, "old");

        var result = InProcessCli.Run(App, "backup", "--out", Target, "--force");

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal("ok", await DatabaseBackup.IntegrityCheckAsync(Target, CancellationToken.None));
    }

    [Fact]
    public void Backup_AsALead_IsRefusedWith403AndWritesNothing()
    {
        var result = InProcessCli.RunAs(App, LensAppFactory.SecretFor("lead"), "backup", "--out", Target);

        Assert.Equal(2, result.Exit);
        Assert.Contains("refused (403)", result.Err);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + ".partial"));
    }

    [Fact]
    public void Backup_FolderMissing_SaysSo()
    {
        var result = InProcessCli.Run(App, "backup", "--out", Path.Combine(_folder, "nope", "copy.db"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("no such folder", result.Err);
    }
}
