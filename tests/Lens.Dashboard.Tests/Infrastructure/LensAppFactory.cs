using Microsoft.Extensions.Time.Testing;
using Lens.Dashboard.Features.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real app over a temporary SQLite file, with a fake clock and the demo off. Two factories over the
/// same folder are the same installation before and after a restart.
/// </summary>
public sealed class LensAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public LensAppFactory(string? folder = null, FakeTimeProvider? clock = null, TimeSpan? analysisInterval = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _ownsFolder = folder is null;
        Folder = folder ?? Directory.CreateTempSubdirectory("lens-test-").FullName;
        Clock = clock ?? TestClock.StartingAt2026();
        AnalysisInterval = analysisInterval ?? TimeSpan.FromHours(1);
    }

    /// <summary>The admin token every test client carries unless it asks to be anonymous or someone else.</summary>
    public const string AdminSecret = "lens-test-admin-secret";

    /// <summary>Tokens declared in configuration for the tests, one per role: <c>{role}</c> named, secret <c>lens-test-{role}</c>.</summary>
    public static string SecretFor(string role) => role == "admin" ? AdminSecret : $"lens-test-{role}";

    public string Folder { get; }
    public string DatabasePath => Path.Combine(Folder, "lens.db");
    public FakeTimeProvider Clock { get; }
    public TimeSpan AnalysisInterval { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Lens", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Analysis:Interval", AnalysisInterval.ToString());
        builder.UseSetting("Bench:ResultsFolder", Path.Combine(Folder, "bench"));
        foreach (var role in Lens.Dashboard.Features.Access.LensRoles.Tokens)
        {
            builder.UseSetting($"Auth:Tokens:test-{role}:Role", role);
            builder.UseSetting($"Auth:Tokens:test-{role}:Sha256", Lens.Dashboard.Features.Access.TokenSecrets.Hash(SecretFor(role)));
        }
        // The fuzz tests send thousands of writes in seconds; RateLimitTests sets its own small buckets.
        builder.UseSetting("RateLimits:WritesPerSecond", "1000000");
        builder.UseSetting("RateLimits:WritesBurst", "10000000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Clients act as the configured admin token (<c>token:test-admin</c>) unless made otherwise.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminSecret);
    }

    /// <summary>A client with no credentials at all.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client holding the configured token of one role.</summary>
    public HttpClient CreateClientAs(string role)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SecretFor(role));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsFolder && disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }
}
