using Bunit;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Lens.Dashboard.Features.Scheduling;
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

    private readonly RunNowListener _listener = new();

    public async ValueTask InitializeAsync()
    {
        await _search.StartAsync();
        var scheduler = await App.Get<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(_listener);
    }

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
        // Both rounds were the scheduled job's, fired with "run now", not probes sent from the page.
        cut.WaitForAssertion(() => Assert.Equal(2, _listener.RunNowExecutions), TimeSpan.FromSeconds(10));
    }

    private sealed class RunNowListener : IJobListener
    {
        private int _runNow;

        public int RunNowExecutions => Volatile.Read(ref _runNow);

        public string Name => nameof(RunNowListener);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.JobDetail.Key.Equals(JobSchedule.KeyOf<SentinelProbeJob>()) && context.MergedJobDataMap.ContainsKey(SentinelProbeJob.RunNowKey))
                Interlocked.Increment(ref _runNow);
            return ValueTask.CompletedTask;
        }
    }

    private int RunCount()
    {
        using var db = App.Get<IDbContextFactory<LensDbContext>>().CreateDbContext();
        return db.ProbeRuns.Count();
    }
}
