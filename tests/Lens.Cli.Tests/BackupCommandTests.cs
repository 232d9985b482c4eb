using System.Net;
using Lens.Cli;
using Lens.Cli.Server;

namespace Lens.Cli.Tests;

/// <summary><c>lens backup</c> against a stand-in server: what it checks before and after the download.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-backup-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Target => Path.Combine(_folder.FullName, "copy.db");

    /// <summary>Answers every request with the given response, and counts the requests.</summary>
    private sealed class StubServer(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(answer());
        }
    }

    private static HttpResponseMessage Backup(byte[] body, string integrity = "ok", long? size = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Headers.Add(BackupCommand.IntegrityHeader, integrity);
        response.Headers.Add(BackupCommand.SizeHeader, (size ?? body.Length).ToString());
        response.Headers.Add(BackupCommand.TakenAtHeader, "2026-12-05T21:00:00.0000000+00:00");
        return response;
    }

    private (int Exit, string Out, string Err) Run(StubServer server, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = LensCli.Run([.. args, "--server", "http://lens.test/"], stdout, stderr, uri => new DashboardClient(uri, server, "secret"));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Backup_ServerSendsACheckedCopy_SavesItUnderTheName()
    {
        var server = new StubServer(() => Backup([1, 2, 3, 4]));

        var result = Run(server, "backup", "--out", Target);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal([1, 2, 3, 4], File.ReadAllBytes(Target));
        Assert.Contains("4 bytes, integrity ok", result.Out);
    }

    [Fact]
    public void Backup_FileExists_RefusesWithoutAskingTheServer()
    {
        File.WriteAllText(Target, "keep");
        var server = new StubServer(() => Backup([1]));

        var result = Run(server, "backup", "--out", Target);

        Assert.Equal(2, result.Exit);
        Assert.Equal(0, server.Requests);
        Assert.Equal("keep", File.ReadAllText(Target));
    }

    [Theory]
    [InlineData("*** in database main ***", null)]
    [InlineData("ok", 99L)]
    public void Backup_CopyNotIntactOrCutShort_SavesNothing(string integrity, long? size)
    {
        var server = new StubServer(() => Backup([1, 2, 3], integrity, size));

        var result = Run(server, "backup", "--out", Target);

        Assert.Equal(2, result.Exit);
        Assert.Contains("not saved", result.Err);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + ".partial"));
    }
}
