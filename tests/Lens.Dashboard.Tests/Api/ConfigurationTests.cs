using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lens.Dashboard.Tests.Api;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Analysis:Interval", "00:00:00")]
    [InlineData("Analysis:Interval", "soon")]
    [InlineData("Wall:StaleAfter", "00:00:01")]
    [InlineData("Demo:RequestsPerSecond", "0")]
    [InlineData("Nightly:Schedule", "every night at two")]
    [InlineData("Bench:Gates:MaxTailRatio", "0.5")]
    [InlineData("Bench:CandidateEndpoint", "http://search.internal/api?q={query}")]
    [InlineData("SignOff:RequiredNights", "0")]
    public void Start_WithBadSetting_StopsWithAMessageNamingTheKey(string key, string value)
    {
        using var installation = new LensAppFactory();
        using var app = installation.WithWebHostBuilder(b => b.UseSetting(key, value));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(key, messages);
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
