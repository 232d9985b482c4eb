using Bunit;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lens.Dashboard.Tests.Components;

/// <summary>
/// "Run probes now" asks the scheduler for a round rather than probing from the page; the page shows the round when it
/// reports. The fake clock never reaches the first scheduled round, so any round here is the one the button asked for.
/// </summary>
public sealed class SentinelPageTests : ComponentTestBase, IAsyncLifetime
{
    private readonly LocalHttpServer _search;

    public SentinelPageTests() : this(new LocalHttpServer(async context =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"results": [{"file": "src/Parser.cs", "line": 12}]}""");
    }))
    { }

    private SentinelPageTests(LocalHttpServer search) : base(new() { ["Sentinel:Endpoint"] = search.Url("/search?q={query}") }) => _search = search;

    protected override IEnumerable<Type> SharedSingletons =>
        [.. base.SharedSingletons, typeof(SentinelReadModel), typeof(ISchedulerFactory), typeof(IOptions<SentinelOptions>)];

    public async ValueTask InitializeAsync() => await _search.StartAsync();

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _search.DisposeAsync();
    }

    [Fact]
    public void RunProbesNow_Clicked_TheScheduledJobRunsARoundAndThePageShowsIt()
    {
        Client.GetAsync("/api/sentinel").GetAwaiter().GetResult().EnsureSuccessStatusCode();
        var cut = Render<SentinelPage>();
        Assert.Empty(cut.FindAll("[data-testid=sentinel-probe]"));

        cut.Find("[data-testid=sentinel-run]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(2, cut.FindAll("[data-testid=sentinel-probe]").Count);
            Assert.Contains("Run probes now", cut.Find("[data-testid=sentinel-run]").TextContent);
            Assert.False(cut.Find("[data-testid=sentinel-run]").HasAttribute("disabled"));
        }, TimeSpan.FromSeconds(10));
        Assert.Equal("OK", cut.Find("[data-testid=sentinel-state]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=sentinel-run-error]"));

        // A second round right away is not due by the schedule; asked for, it runs anyway.
        cut.Find("[data-testid=sentinel-run]").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, RunCount()), TimeSpan.FromSeconds(10));
    }

    private int RunCount()
    {
        using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        return db.ProbeRuns.Count();
    }
}
