using System.Net;
using System.Text.RegularExpressions;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lens.Dashboard.Tests.Access;

/// <summary>Someone can always sign in on a fresh install: demo users in Development, one random admin in Production.</summary>
public sealed partial class BootstrapTests
{
    [GeneratedRegex("password (\\S+) and change it")]
    private static partial Regex PrintedPassword();

    [Fact]
    public async Task FirstStart_Production_CreatesOneAdminAndPrintsItsPasswordOnce()
    {
        using var installation = new LensAppFactory();
        var log = new ListLogger();
        string password;
        using (var first = installation.WithWebHostBuilder(b => b.UseEnvironment("Production").ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log))))
        {
            using var client = first.CreateAnonymousClient();
            var line = Assert.Single(log.Lines, l => l.Contains("an admin was created", StringComparison.Ordinal));
            password = PrintedPassword().Match(line).Groups[1].Value;
            await SignedInClient.SignInAsync(client, "admin", password);
            var me = await (await client.GetAsync("/api/me")).JsonAsync();
            Assert.Equal(["admin"], me["roles"]!.AsArray().Select(r => (string)r!));
        }
        Assert.DoesNotContain(password, await File.ReadAllTextAsync(installation.DatabasePath));

        var again = new ListLogger();
        using var second = new LensAppFactory(installation.Folder).WithWebHostBuilder(b => b.UseEnvironment("Production").ConfigureServices(s => s.AddSingleton<ILoggerProvider>(again)));
        using var _ = second.CreateClient();
        Assert.DoesNotContain(again.Lines, l => l.Contains("an admin was created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FirstStart_Development_HasADemoUserPerRoleWithTheDocumentedPassword()
    {
        using var installation = new LensAppFactory();
        using var app = installation.WithWebHostBuilder(b => b.UseEnvironment("Development"));

        foreach (var role in LensRoles.People)
        {
            using var client = app.CreateAnonymousClient();
            await SignedInClient.SignInAsync(client, role, UserAdministration.DemoPassword);
            var me = await (await client.GetAsync("/api/me")).JsonAsync();
            Assert.Equal(role, (string?)me["name"]);
            Assert.Equal([role], me["roles"]!.AsArray().Select(r => (string)r!));
            Assert.Equal(role == "manager" ? ["product"] : Array.Empty<string>(), me["signOffRoles"]!.AsArray().Select(r => (string)r!));
        }
    }

    [Fact]
    public async Task DemoPassword_OutsideDevelopment_IsRefusedByThePasswordPolicy()
    {
        using var app = new LensAppFactory();
        using var admin = app.CreateClient();

        var response = await admin.PostJsonAsync("/api/users", new { userName = "weak", password = UserAdministration.DemoPassword, roles = new[] { "viewer" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["password"]);
    }

    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];
        public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add(formatter(state, exception));
        }
        public void Dispose() { }
    }
}
