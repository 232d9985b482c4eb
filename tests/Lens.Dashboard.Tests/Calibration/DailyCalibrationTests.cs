using System.Net;
using System.Text.Json.Nodes;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Scheduling;
using Lens.Dashboard.Tests.Infrastructure;
using Quartz;

namespace Lens.Dashboard.Tests.Calibration;

/// <summary>The daily job, the two-day holdout, publishing on the flag, drift and a lead's overrides, on the fake clock.</summary>
public sealed class DailyCalibrationTests : IAsyncLifetime
{
    private const string Flag = "search-ranking";
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly LensAppFactory _app = new();
    private HttpClient _client = null!;
    private HttpClient _service = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        _service = _app.CreateClientAs("service");
        // These tests close days by hand; the scheduled job would freeze the same days when the clock passes 03:00.
        var scheduler = await _app.Get<ISchedulerFactory>().GetScheduler();
        await scheduler.PauseJob(JobSchedule.KeyOf<DailyCalibrationJob>());
    }

    public ValueTask DisposeAsync()
    {
        _service.Dispose();
        _client.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonNode> RunAsync()
    {
        var response = await _client.PostAsync("/api/calibration/run", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<JsonNode> StatusAsync() =>
        Assert.Single((await (await _client.GetAsync("/api/calibration/status")).JsonAsync()).AsArray(), s => (string?)s!["flag"] == Flag)!;

    private async Task<JsonNode> FlagAsync() => await (await _client.GetAsync($"/api/flags/{Flag}")).JsonAsync();

    /// <summary>The τ services see: none while the flag does not exist or has none.</summary>
    private async Task<double?> PublishedTauAsync()
    {
        var response = await _client.GetAsync($"/api/flags/{Flag}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return (double?)(await response.JsonAsync())["parameters"]!["tau"];
    }

    /// <summary>Sends a day's impressions, then moves the clock to the next day.</summary>
    private async Task<ImpressionDayBuilder> DayAsync(ImpressionDayBuilder day)
    {
        await day.SendAsync(_service, Flag);
        _app.Clock.Advance(Day);
        return day;
    }

    [Fact]
    public async Task Run_AfterADayOfImpressions_FreezesItsFiguresAndProposesItsTauForHoldout()
    {
        var day = await DayAsync(new ImpressionDayBuilder(1));
        await new ImpressionDayBuilder(99).SendAsync(_service, Flag); // today's: not closed, not frozen

        var run = (await RunAsync()).AsArray();

        var expected = day.Fit();
        Assert.Equal("2026-11-22", (string?)Assert.Single(run)!["day"]);
        var status = await StatusAsync();
        var frozen = Assert.Single(status["days"]!.AsArray())!;
        Assert.Equal(("2026-11-22", "candidate", 2000L, 200L), ((string?)frozen["day"], (string?)frozen["variant"], (long)frozen["impressions"]!, (long)frozen["queries"]!));
        Assert.Equal(expected.BrierRaw, (double)frozen["brierRaw"]!, 12);
        Assert.Equal(expected.EceCalibrated, (double)frozen["eceCalibrated"]!, 12);
        var proposal = Assert.Single(status["history"]!.AsArray())!;
        Assert.Equal(("Daily", "Holdout"), ((string?)proposal["source"], (string?)proposal["status"]));
        Assert.Equal(expected.Tau.Value, (double)proposal["tau"]!, 12);
        Assert.Equal(expected.Tau.MeanResultsPerQuery, (double)proposal["fittedResultsPerQuery"]!, 12);
        Assert.Null(await PublishedTauAsync());
        Assert.Empty((await RunAsync()).AsArray());
    }

    [Fact]
    public async Task Run_TwoHoldoutDaysInsideTheEnvelope_AppliesTauAndMapOnTheFlagAndItsStream()
    {
        var fitted = await DayAsync(new ImpressionDayBuilder(1));
        await RunAsync();
        await DayAsync(new ImpressionDayBuilder(2));
        await RunAsync();
        Assert.Null(await PublishedTauAsync());
        await DayAsync(new ImpressionDayBuilder(3));
        await using var stream = await SseReader.OpenAsync(_client, "/api/flags/stream");

        await RunAsync();

        var expected = fitted.Fit();
        var update = await stream.NextAsync(f => (string?)f["key"] == Flag && f["parameters"]!["tau"] is not null, TimeSpan.FromSeconds(5));
        var flag = await FlagAsync();
        foreach (var parameters in new[] { update["parameters"]!, flag["parameters"]! })
        {
            Assert.Equal(expected.Tau.Value, (double)parameters["tau"]!, 12);
            Assert.Equal(expected.Isotonic.X, parameters["calibration"]!["x"]!.AsArray().Select(v => (double)v!));
            Assert.Equal(expected.Isotonic.Y, parameters["calibration"]!["y"]!.AsArray().Select(v => (double)v!));
            Assert.False((bool)parameters["ltrFallback"]!);
        }
        var history = (await StatusAsync())["history"]!.AsArray();
        var applied = Assert.Single(history, h => (string?)h!["status"] == "Applied")!;
        Assert.Equal("2026-11-22", (string?)applied["day"]);
        Assert.Equal(["2026-11-23", "2026-11-24"], applied["holdout"]!.AsArray().Select(h => (string?)h!["day"]));
        Assert.StartsWith("held out 2026-11-23 (", (string?)applied["reason"]);
        Assert.Equal(2, history.Count(h => (string?)h!["status"] == "Holdout"));
    }

    [Fact]
    public async Task Run_AHoldoutDayOutsideTheEnvelope_RejectsTheProposalSayingWhyAndPublishesNothing()
    {
        await DayAsync(new ImpressionDayBuilder(1));
        await RunAsync();
        // Twice the results per query and every score higher: far more than 5 ± 2 pass the proposed τ.
        await DayAsync(new ImpressionDayBuilder(2).Queries(100, 20).ScoredAs(u => 0.5 + 0.5 * u));

        await RunAsync();

        var rejected = Assert.Single((await StatusAsync())["history"]!.AsArray(), h => (string?)h!["day"] == "2026-11-22")!;
        Assert.Equal("Rejected", (string?)rejected["status"]);
        Assert.Matches(@"^on 2026-11-23 τ [0-9.]+ let through [0-9.]+ results per query, outside 5 ± 2$", (string?)rejected["reason"]);
        Assert.True((double)rejected["holdout"]![0]!["resultsPerQuery"]! > 7);
        Assert.Null(await PublishedTauAsync());
    }

    [Fact]
    public async Task Run_ScoresShiftMoreThanThreeSigma_RaisesAHighAlertAndSetsLtrFallbackUntilALeadClearsIt()
    {
        for (var d = 1; d <= 4; d++)
        {
            await DayAsync(new ImpressionDayBuilder(d).ScoredAs(u => 0.5 * u));
            await RunAsync();
        }
        Assert.Equal("Stable", (string?)(await StatusAsync())["latestDay"]!["drift"]);
        await DayAsync(new ImpressionDayBuilder(5).ScoredAs(u => 0.75 + 0.25 * u));

        await RunAsync();

        var status = await StatusAsync();
        Assert.Equal("Drifted", (string?)status["latestDay"]!["drift"]);
        Assert.True((double)status["latestDay"]!["driftSigma"]! > 3);
        Assert.True((bool)(await FlagAsync())["parameters"]!["ltrFallback"]!);
        var alerts = (await (await _client.GetAsync("/api/alerts?state=open")).JsonAsync()).AsArray();
        var drift = Assert.Single(alerts, a => (string?)a!["key"] == $"calibration:{Flag}:drift")!;
        Assert.Equal("High", (string?)drift["severity"]);

        var noReason = await _client.PostJsonAsync($"/api/calibration/{Flag}/fallback", new { active = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["reason"]);
        Assert.True((bool)(await FlagAsync())["parameters"]!["ltrFallback"]!);

        var cleared = await _client.PostJsonAsync($"/api/calibration/{Flag}/fallback", new { active = false, reason = "new ranker scores higher by design" });

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.False((bool)(await FlagAsync())["parameters"]!["ltrFallback"]!);
        var open = (await (await _client.GetAsync("/api/alerts?state=open")).JsonAsync()).AsArray();
        Assert.DoesNotContain(open, a => (string?)a!["key"] == $"calibration:{Flag}:drift");
        Assert.Equal("2026-11-27", (string?)(await StatusAsync())["driftBaselineSince"]);
    }

    [Fact]
    public async Task OverrideTau_ByALead_AppliesAtOnceWithTheMapInForceAndRecordsWhoAndWhy()
    {
        using var lead = await SignedInClient.CreateAsync(_app, "lee", ["lead"]);
        await new ImpressionDayBuilder(1).SendAsync(_service, Flag);
        var typo = await lead.PostJsonAsync("/api/calibration/serch-ranking/tau", new { tau = 0.42, reason = "typo in the key" });
        Assert.Equal(HttpStatusCode.NotFound, typo.StatusCode);
        Assert.NotNull((await typo.JsonAsync())["errors"]!["flag"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/flags/serch-ranking")).StatusCode);

        var bad = await lead.PostJsonAsync($"/api/calibration/{Flag}/tau", new { tau = 1.5, reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!;
        Assert.NotNull(errors["tau"]);
        Assert.NotNull(errors["reason"]);

        var response = await lead.PostJsonAsync($"/api/calibration/{Flag}/tau", new { tau = 0.42, reason = "Go queries return too few results" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.42, (double)(await FlagAsync())["parameters"]!["tau"]!);
        var entry = Assert.Single((await StatusAsync())["history"]!.AsArray())!;
        Assert.Equal(("Override", "Applied", "lee", "Go queries return too few results"),
            ((string?)entry["source"], (string?)entry["status"], (string?)entry["actor"], (string?)entry["reason"]));
    }

    [Fact]
    public async Task MonitorCalibration_AfterATauApplied_PrintsWhatServicesAreToldTodayDriftAndHistory()
    {
        var fitted = await DayAsync(new ImpressionDayBuilder(1));
        await RunAsync();
        await DayAsync(new ImpressionDayBuilder(2));
        await RunAsync();
        await DayAsync(new ImpressionDayBuilder(3));
        await RunAsync();
        await new ImpressionDayBuilder(4).Queries(10, 10).SendAsync(_service, Flag);

        var (exit, text, error) = InProcessCli.RunAs(_app, LensAppFactory.SecretFor("viewer"), "monitor", "calibration");

        Assert.True(exit == 0, error);
        var tau = fitted.Fit().Tau.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"  published  τ {tau}, isotonic map of {fitted.Fit().Isotonic.X.Count} points, LTR fallback off", text);
        Assert.Contains("  today      candidate 100 impressions, 10 queries;", text);
        Assert.Contains("  drift      2026-11-24: InsufficientBaseline", text);
        Assert.Contains($"  τ history  2026-11-22 Daily    Applied  τ {tau}: held out 2026-11-23", text);

        var (jsonExit, json, _) = InProcessCli.RunAs(_app, LensAppFactory.SecretFor("viewer"), "monitor", "calibration", "--format", "json");
        Assert.Equal(0, jsonExit);
        var parsed = JsonNode.Parse(json)!;
        Assert.Equal(fitted.Fit().Tau.Value, (double)parsed["flags"]![0]!["parameters"]!["tau"]!, 12);
        Assert.Equal(100L, (long)parsed["today"]![0]!["impressions"]!);
    }

    [Fact]
    public async Task Run_ADayWithFewerQueriesThanTheMinimum_ProposesNothingAndDoesNotCountAsAHoldoutDay()
    {
        await DayAsync(new ImpressionDayBuilder(1));
        await RunAsync();
        await DayAsync(new ImpressionDayBuilder(2).Queries(20, 10));   // 20 queries, under the default 100

        var run = (await RunAsync()).AsArray();

        Assert.Contains("fewer than Calibration:MinQueries (100)", (string?)Assert.Single(run)!["decisions"]![0]);
        var history = (await StatusAsync())["history"]!.AsArray();
        var first = Assert.Single(history)!;
        Assert.Equal(("Holdout", 0), ((string?)first["status"], first["holdout"]!.AsArray().Count));
        Assert.Equal(2, (await StatusAsync())["days"]!.AsArray().Count);
    }

    [Fact]
    public async Task Schedule_Default_FiresDailyAtThreeUtc()
    {
        var scheduler = await _app.Get<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey(nameof(DailyCalibrationJob) + "-trigger")));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero), trigger.GetFireTimeAfter(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero), trigger.GetFireTimeAfter(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero)));
    }
}
