using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Quality;

/// <summary><c>lens version</c> against the real dashboard pipeline, in process.</summary>
public sealed class VersionCliTests : AppTestBase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lens-cli-").FullName;

    private string ConfigFile(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Create_ThenListAndShow_SameFingerprintAsTheApi()
    {
        var created = InProcessCli.Run(App, "version", "create", "--version", "2.6.0", "--config", ConfigFile("""{"ranker": "bm25", "k1": 1.2}"""));

        Assert.True(created.Exit == 0, created.Err);
        var release = await (await Client.GetAsync("/api/releases/2.6.0")).JsonAsync();
        var fingerprint = (string)release["fingerprint"]!;
        Assert.Equal($"created 2.6.0 {fingerprint}", created.Out.Trim());

        var list = InProcessCli.Run(App, "version", "list");
        Assert.Matches(@"^2\.6\.0\s+candidate\s+" + fingerprint.Replace(":", ":"), list.Out);

        var show = InProcessCli.Run(App, "version", "show", "--version", "2.6.0");
        Assert.Equal(0, show.Exit);
        Assert.Contains($"fingerprint  {fingerprint}", show.Out);
        Assert.Contains("sign-off     not yet eligible (0 of 3 passing nights)", show.Out);
        Assert.Contains("\"ranker\": \"bm25\"", show.Out);
    }

    [Fact]
    public void Create_SameVersionTwice_ExitsNonZeroWithTheServersReason()
    {
        var config = ConfigFile("""{"ranker": "bm25"}""");
        Assert.Equal(0, InProcessCli.Run(App, "version", "create", "--version", "2.6.0", "--config", config).Exit);

        var again = InProcessCli.Run(App, "version", "create", "--version", "2.6.0", "--config", config);

        Assert.NotEqual(0, again.Exit);
        Assert.Contains("already exists", again.Err);
    }

    [Fact]
    public void Create_ConfigNotJson_SaysWhichFileAndLine()
    {
        var path = ConfigFile("{\n  \"ranker\": bm25\n}");

        var result = InProcessCli.Run(App, "version", "create", "--version", "2.6.0", "--config", path);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains(path, result.Err);
        Assert.Contains("line 2", result.Err);
    }

    [Fact]
    public void Show_UnknownVersion_ExitsNonZero()
    {
        var result = InProcessCli.Run(App, "version", "show", "--version", "9.9.9");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("There is no release '9.9.9'", result.Err);
    }
}
