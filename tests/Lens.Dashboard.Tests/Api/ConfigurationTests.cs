using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Lens.Dashboard.Features.Bench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Tests.Api;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Analysis:Interval", "00:00:00")]
    [InlineData("Analysis:Interval", "soon")]
    [InlineData("Wall:StaleAfter", "00:00:01")]
    [InlineData("Demo:RequestsPerSecond", "0")]
    [InlineData("Nightly:Schedule", "every night at two")]
    [InlineData("Calibration:Schedule", "at three")]
    [InlineData("Calibration:Bins", "0")]
    [InlineData("Calibration:Strategy", "logarithmic")]
    [InlineData("Bench:Gates:MaxTailRatio", "0.5")]
    [InlineData("Bench:CandidateEndpoint", "http://search.internal/api?q={query}")]
    [InlineData("SignOff:RequiredNights", "0")]
    [InlineData("Auth:Tokens:ci:Sha256", "not-a-hash")]
    [InlineData("Auth:Tokens:ci:Role", "superuser")]
    [InlineData("Auth:SessionLifetime", "00:00:00")]
    [InlineData("Auth:PublicBaseUrl", "lens.example.com")]
    [InlineData("CanaryJudgement:DriftRollbackAfter", "00:00:10")]
    [InlineData("CanaryJudgement:DriftRollbackAfter", "a day")]
    [InlineData("CanaryJudgement:ConfirmTimeout", "00:10:00")]
    [InlineData("Detectors:Watch:p95_latency:Flag", "not a flag!")]
    public void Start_WithBadSetting_StopsWithAMessageNamingTheKey(string key, string value)
    {
        using var installation = new LensAppFactory();
        using var app = installation.WithWebHostBuilder(b => b.UseSetting(key, value));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(key, messages);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Development_DemoOnOrOff_ProbesAndBenchesTheDemoSearchOnlyWhenItExists(bool demo, bool expected)
    {
        using var installation = new LensAppFactory(settings: new Dictionary<string, string?> { ["Demo:Enabled"] = demo ? "true" : "false" });
        using var app = installation.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var client = app.CreateClient();

        var sentinel = await (await client.GetAsync("/api/sentinel")).JsonAsync();
        Assert.Equal(expected, (bool)sentinel["configured"]!);
        var options = app.Services.GetRequiredService<IOptions<BenchOptions>>().Value;
        Assert.Equal(expected, options.LiveConfigured);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }
}
