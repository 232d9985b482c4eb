using Lens.LoadDriver;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lens.Soak;

/// <summary>The real dashboard in this process on Kestrel (so a browser can load its pages) over a temporary SQLite file, on a fake clock.</summary>
public sealed class SoakHost : WebApplicationFactory<Program>
{
    public SoakHost(FakeTimeProvider clock)
    {
        Clock = clock;
        Folder = Directory.CreateTempSubdirectory("lens-soak-").FullName;
        BenchCredentials.Token = BenchCredentials.NewSecret();
        UseKestrel(0);
        // The factory looks for the app's content root by this variable first; the soak runs from its own bin folder.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Lens.Dashboard.sln"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LENS_DASHBOARD",
            Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run the soak from the repository."), "src", "Lens.Dashboard"));
    }

    public FakeTimeProvider Clock { get; }
    public string Folder { get; }
    public string DatabasePath => Path.Combine(Folder, "soak.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Lens", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Bench:ResultsFolder", Path.Combine(Folder, "bench"));
        builder.UseSetting("Auth:Tokens:soak:Role", "admin");
        builder.UseSetting("Auth:Tokens:soak:Sha256", BenchCredentials.Sha256Of(BenchCredentials.Token!));
        builder.UseSetting("RateLimits:WritesPerSecond", "1000000");
        builder.UseSetting("RateLimits:WritesBurst", "10000000");
        // The soak drives evaluation and pruning on its own simulated schedule; Quartz runs on the real clock, so its own
        // fires are pushed out of the way rather than racing the simulation.
        builder.UseSetting("Retention:Interval", "7.00:00:00");
        builder.UseSetting("Retention:PauseBetweenBatches", "00:00:00.010");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public long DatabaseBytes() =>
        new[] { "", "-wal", "-shm" }.Select(s => new FileInfo(DatabasePath + s)).Where(f => f.Exists).Sum(f => f.Length);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
