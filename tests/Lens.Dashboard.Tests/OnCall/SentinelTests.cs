using System.Diagnostics;
using System.Text.Json.Nodes;
using Lens.Core.Sentinel;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Quartz;

namespace Lens.Dashboard.Tests.OnCall;

public sealed class SentinelTests : IAsyncLifetime
{
    private volatile bool _zeroResults;
    private readonly LocalHttpServer _search;
    private readonly LensAppFactory _app;
    private readonly HttpClient _client;

    public SentinelTests()
    {
        // A real search endpoint that answers with spans until told to answer nothing.
        _search = new LocalHttpServer(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(_zeroResults
                ? """{"results": []}"""
                : """{"results": [{"file": "src/Parser.cs", "line": 12}, {"file": "src/Lexer.cs", "line": 40}]}""");
        });
        _app = new LensAppFactory(settings: new Dictionary<string, string?> { ["Sentinel:Endpoint"] = _search.Url("/search?q={query}") });
        _client = _app.CreateClient();
    }

    public async ValueTask InitializeAsync()
    {
        await _search.StartAsync();
        // These tests drive the rounds by hand on the fake clock; the scheduled job would run the same rounds when the
        // clock passes its trigger, and the test's own call would then find nothing due.
        var scheduler = await _app.Get<ISchedulerFactory>().GetScheduler();
        await scheduler.PauseJob(JobSchedule.KeyOf<SentinelProbeJob>());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _app.Dispose();
        await _search.DisposeAsync();
    }

    [Fact]
    public async Task Probes_EndpointStartsReturningZeroResults_TripsToBaselineAlertsCriticalAndRecoversAfterPassingPeriod()
    {
        await _client.CreateReleaseAsync();
        await _client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10), Requests.Stage(100)]));
        await using var stream = await SseReader.OpenAsync(_client, "/api/flags/stream");
        await stream.NextAsync(f => (string?)f["key"] == "search-ranking" && (decimal?)f["percent"] == 10m, TimeSpan.FromSeconds(5));
        var sentinel = _app.Get<SentinelService>();

        var healthy = await sentinel.RunRoundAsync();
        Assert.All(healthy, r => Assert.Equal(ProbeOutcome.Pass, r.Outcome));
        Assert.Equal(["class", "def"], healthy.Select(r => r.Query).Order());
        Assert.All(healthy, r => Assert.Equal(1.0, r.SpanCoverage));

        _zeroResults = true;
        var tripping = Stopwatch.StartNew();
        var failing = await sentinel.RunRoundAsync();
        var baseline = await stream.NextAsync(f => (string?)f["key"] == "search-ranking" && (bool?)f["killSwitch"] == true, TimeSpan.FromSeconds(1));
        tripping.Stop();
        Assert.All(failing, r => Assert.Equal(ProbeOutcome.ZeroResults, r.Outcome));
        Assert.Equal(0m, (decimal?)baseline["percent"]);
        Assert.True(tripping.Elapsed < TimeSpan.FromSeconds(1), $"baseline reached the stream after {tripping.ElapsedMilliseconds} ms");

        var critical = (await (await _client.GetAsync("/api/alerts?state=open&severity=critical")).JsonAsync()).AsArray();
        var killAlert = Assert.Single(critical);
        Assert.Equal("killswitch:zero_results_emergency", (string?)killAlert!["key"]);
        var probeAlerts = (await (await _client.GetAsync("/api/alerts?state=open&source=probe")).JsonAsync()).AsArray();
        Assert.Equal(2, probeAlerts.Count);

        // Passing again: rounds every minute while tripped; the switch holds until 30 minutes of passes.
        _zeroResults = false;
        for (var minute = 1; minute <= 30; minute++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(await sentinel.RunIfDueAsync(), $"a round is due every minute while tripped (minute {minute})");
            Assert.True(sentinel.Tripped, $"still tripped after {minute - 1} min of passing probes");
        }
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await sentinel.RunIfDueAsync(), "the round after 30 minutes of passes runs");
        Assert.False(sentinel.Tripped);
        var restored = await stream.NextAsync(f => (string?)f["key"] == "search-ranking" && (bool?)f["killSwitch"] == false, TimeSpan.FromSeconds(1));
        Assert.Equal(10m, (decimal?)restored["percent"]);

        var resolved = await (await _client.GetAsync($"/api/alerts/{killAlert["id"]}")).JsonAsync();
        Assert.Equal("Resolved", (string?)resolved["state"]);
        Assert.Equal("sentinel", (string?)resolved["resolvedBy"]);
        Assert.Empty((await (await _client.GetAsync("/api/alerts?state=open&source=probe")).JsonAsync()).AsArray());
    }

    [Fact]
    public async Task Probes_Untripped_RunOnlyOncePerInterval()
    {
        var sentinel = _app.Get<SentinelService>();
        Assert.True(await sentinel.RunIfDueAsync());
        _app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await sentinel.RunIfDueAsync());
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await sentinel.RunIfDueAsync());
    }

    [Fact]
    public async Task Probes_EndpointDown_FailAsErrorsAndTrip()
    {
        await _search.StopAsync();
        var runs = await _app.Get<SentinelService>().RunRoundAsync();
        Assert.All(runs, r => Assert.Equal(ProbeOutcome.Error, r.Outcome));
        var status = await (await _client.GetAsync("/api/sentinel")).JsonAsync();
        Assert.True((bool?)status["tripped"]);
        Assert.True((bool?)status["trippedBySentinel"]);
        Assert.Equal(0.0, (double?)status["successRate24h"]);
    }

    [Fact]
    public async Task KillSwitch_DeactivatedByHandWithReason_IsRecordedAndNotRetrippedWhileProbesPass()
    {
        _zeroResults = true;
        var sentinel = _app.Get<SentinelService>();
        await sentinel.RunRoundAsync();
        Assert.True(sentinel.Tripped);
        _zeroResults = false;
        var response = await _client.PostJsonAsync("/api/killswitch", new { name = "zero_results_emergency", active = false, actor = "sam", reason = "index rebuilt, verified by hand" });
        response.EnsureSuccessStatusCode();
        Assert.False(sentinel.Tripped);
        _app.Clock.Advance(TimeSpan.FromHours(1));
        await sentinel.RunIfDueAsync();
        Assert.False(sentinel.Tripped);
        var audit = (await (await _client.GetAsync("/api/alerts?state=resolved&source=killswitch")).JsonAsync()).AsArray();
        Assert.Contains("index rebuilt", (string?)Assert.Single(audit)!["resolveReason"]);
    }
}
