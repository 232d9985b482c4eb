using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Lens.Dashboard.Features.Bench;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Quality;

/// <summary>Three consecutive passing nights, told by a fake clock moved a night at a time.</summary>
public sealed class NightlyValidationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstNight = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private readonly FakeSearchService _search = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("lens-nightly-").FullName;
    private readonly FakeTimeProvider _clock = new(FirstNight.AddHours(-3));
    private LensAppFactory _app = default!;
    private HttpClient _client = default!;

    /// <summary>Manual runs only: the scheduled job (which follows the fake clock) would otherwise take tonight first.</summary>
    private const string NeverInThisTest = "0 0 2 1 1 ? 2099";

    private Dictionary<string, string?> _settings = default!;

    public async ValueTask InitializeAsync()
    {
        await _search.StartAsync();
        // As in the live bench tests: a steady latency floor keeps loopback noise out of the p95 gate.
        _search.BaseDelay = TimeSpan.FromMilliseconds(100);
        _search.Baseline["parse"] = ["py/parser.py", "py/util.py"];
        _search.Baseline["Parser"] = ["java/Uses.java", "java/Parser.java"];
        GoodCandidate();
        var python = new BenchDataBuilder().Query("p1", "parse", ("py/parser.py", 2), ("py/util.py", 1)).WriteTo(_folder, "python");
        var java = new BenchDataBuilder().Query("j1", "Parser", ("java/Parser.java", 2), ("java/Uses.java", 1)).WriteTo(_folder, "java");
        var settings = _search.Settings();
        settings["Nightly:Slices:python:Queries"] = python.Queries;
        settings["Nightly:Slices:python:Qrels"] = python.Qrels;
        settings["Nightly:Slices:java:Queries"] = java.Queries;
        settings["Nightly:Slices:java:Qrels"] = java.Qrels;
        // Latency gates are not what this test is about: loopback timings of two requests are noise.
        settings["Bench:Gates:MaxP95Increase"] = "100";
        settings["Bench:Gates:MaxTailRatio"] = "1000";
        _settings = settings;
        await StartAppAsync(NeverInThisTest);
    }

    private async Task StartAppAsync(string schedule)
    {
        _settings["Nightly:Schedule"] = schedule;
        _app = new LensAppFactory(clock: _clock, settings: _settings);
        _client = _app.CreateClient();
        await _client.CreateReleaseAsync("3.0.0");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _app.Dispose();
        await _search.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private void GoodCandidate()
    {
        _search.Candidate["parse"] = ["py/parser.py", "py/util.py"];
        _search.Candidate["Parser"] = ["java/Parser.java", "java/Uses.java"];
    }

    /// <summary>The Java slice regresses: the definition drops out of the candidate's results.</summary>
    private void JavaRegression() => _search.Candidate["Parser"] = ["java/Uses.java"];

    /// <summary>Starts the night through the API (answered at once) and follows its progress until every bench is done.</summary>
    private async Task<JsonNode[]> NightAsync(int night)
    {
        _clock.Advance(FirstNight.AddDays(night - 1) - _clock.GetUtcNow());
        var response = await _client.PostAsync("/api/nightly/run", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var start = await response.JsonAsync();
        Assert.True((bool)start["started"]!);
        Assert.Equal($"/api/nightly/{(string)start["night"]!}", response.Headers.Location?.ToString());
        var progress = await FinishedAsync((string)start["night"]!);
        return progress["runs"]!.AsArray().Select(n => n!).ToArray();
    }

    private async Task<JsonNode> FinishedAsync(string night) =>
        await HttpTestExtensions.EventuallyAsync(async () => await (await _client.GetAsync($"/api/nightly/{night}")).JsonAsync(),
            p => (string?)p["status"] == "finished", TimeSpan.FromSeconds(30), $"the night of {night} finished");

    private async Task<JsonNode> SignOffAsync() => await (await _client.GetAsync("/api/releases/3.0.0/signoff")).JsonAsync();

    private async Task ApproveAllAsync()
    {
        // Each approval by the person who holds that sign-off role, signed in through the form.
        foreach (var role in new[] { "engineering-lead", "product", "sre" })
        {
            using var person = await SignedInClient.CreateAsync(_app, role + "-person", ["manager"], [role]);
            (await person.PostJsonAsync("/api/releases/3.0.0/decisions", new { role, approved = true, reason = "clean nights" })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Nights_PassFailPassPassPass_EligibleOnlyAfterThreeInARowAfterTheFailure()
    {
        var first = await NightAsync(1);
        Assert.Equal(["java", "python"], first.Select(r => (string)r["slice"]!).Order());
        Assert.All(first, r => Assert.Equal("2026-11-20", (string?)r["night"]));
        Assert.Equal(1, (int)(await SignOffAsync())["passingStreak"]!);

        JavaRegression();
        var second = await NightAsync(2);
        Assert.Equal("fail", (string?)second.Single(r => (string?)r["slice"] == "java")["verdict"]);
        Assert.Equal("pass", (string?)second.Single(r => (string?)r["slice"] == "python")["verdict"]);
        Assert.Equal(0, (int)(await SignOffAsync())["passingStreak"]!);

        GoodCandidate();
        await NightAsync(3);
        await NightAsync(4);
        await ApproveAllAsync();
        var afterFour = await SignOffAsync();
        Assert.Equal(2, (int)afterFour["passingStreak"]!);
        Assert.Equal(["3 consecutive passing nights are needed, it has 2"], afterFour["missing"]!.AsArray().Select(m => (string)m!));

        var refused = await _client.PostJsonAsync("/api/releases/3.0.0/promote", new { actor = "dana" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("3 consecutive passing nights are needed, it has 2", (string?)(await refused.JsonAsync())["errors"]!["release"]![0]);

        await NightAsync(5);
        var eligible = await SignOffAsync();
        Assert.Equal(3, (int)eligible["passingStreak"]!);
        Assert.Equal("ready for GA", (string?)eligible["verdict"]);
        var nights = eligible["nights"]!.AsArray();
        Assert.Equal([true, false, true, true, true], nights.Select(n => (bool)n!["passed"]!));

        var promoted = await _client.PostJsonAsync("/api/releases/3.0.0/promote", new { actor = "dana", reason = "three clean nights" });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("generally available", (string?)(await promoted.JsonAsync())["verdict"]);
        Assert.Equal("ga", (string?)(await (await _client.GetAsync("/api/releases/3.0.0")).JsonAsync())["status"]);
    }

    [Fact]
    public async Task Night_RunTwiceInOneNight_ValidatesOnlyOnce()
    {
        var first = await NightAsync(1);
        _clock.Advance(TimeSpan.FromHours(5));
        var again = await _client.PostAsync("/api/nightly/run", null);

        Assert.Equal(2, first.Length);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var answer = await again.JsonAsync();
        Assert.False((bool)answer["started"]!);
        Assert.Equal(0, (int)answer["queued"]!);
        Assert.Equal("finished", (string?)answer["progress"]!["status"]);
        Assert.Single((await SignOffAsync())["nights"]!.AsArray());
    }

    [Fact]
    public async Task Run_AnswersBeforeTheBenchesFinish_ProgressShowsThemQueuedThenDone()
    {
        _clock.Advance(FirstNight - _clock.GetUtcNow());
        // Slow enough that no bench can be done by the time the POST answers.
        _search.BaseDelay = TimeSpan.FromSeconds(1);

        var response = await _client.PostAsync("/api/nightly/run", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var start = await response.JsonAsync();
        Assert.Equal("2026-11-20", (string?)start["night"]);
        Assert.Equal(2, (int)start["queued"]!);
        Assert.Equal("running", (string?)start["progress"]!["status"]);
        Assert.Equal(2, (int)start["progress"]!["total"]!);
        Assert.Equal(0, (int)start["progress"]!["done"]!);
        // One bench at a time: the worker names the one it measures, and the other waits its turn (a page says "queued").
        var queue = _app.Get<BenchQueue>();
        var ids = start["progress"]!["runs"]!.AsArray().Select(r => Guid.Parse((string)r!["id"]!)).ToList();
        var benching = await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(queue.Benching), b => b is not null, TimeSpan.FromSeconds(10), "the worker picking a bench");
        Assert.Contains(benching!.Value, ids);

        // A second start while the night runs points at it and queues nothing.
        var second = await (await _client.PostAsync("/api/nightly/run", null)).JsonAsync();
        Assert.False((bool)second["started"]!);
        Assert.Equal("2026-11-20", (string?)second["night"]);
        Assert.Equal(0, (int)second["queued"]!);

        var done = await FinishedAsync("2026-11-20");
        Assert.Equal(2, (int)done["done"]!);
        await HttpTestExtensions.EventuallyAsync(() => Task.FromResult(queue.Benching), b => b is null, TimeSpan.FromSeconds(10), "the worker idle again");
        Assert.Equal(2, (int)done["passed"]!);
        Assert.Equal(2, (await (await _client.GetAsync("/api/releases/3.0.0/bench")).JsonAsync()).AsArray().Count);
    }

    [Theory]
    [InlineData("yesterday", HttpStatusCode.BadRequest)]
    [InlineData("2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("2026-11-19", HttpStatusCode.NotFound)]
    public async Task Progress_NotANightOrNoneRan_ProblemNamingTheNight(string night, HttpStatusCode expected)
    {
        var response = await _client.GetAsync($"/api/nightly/{night}");

        Assert.Equal(expected, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["night"]);
    }

    [Fact]
    public async Task Night_JobAndManualRunStartAtOnce_OneNightWithOneBenchPerSlice()
    {
        _clock.Advance(FirstNight - _clock.GetUtcNow());
        var nightly = _app.Get<NightlyValidation>();

        // The scheduled job's work and a lead's POST /api/nightly/run, started together.
        var job = Task.Run(() => nightly.StartNightAsync(CancellationToken.None));
        var manual = _client.PostAsync("/api/nightly/run", null);
        await Task.WhenAll(job, manual);

        var manualAnswer = await (await manual).JsonAsync();
        Assert.Equal(2, (await job).Queued + (int)manualAnswer["queued"]!);
        Assert.Equal(1, new[] { (await job).Started, (bool)manualAnswer["started"]! }.Count(started => started));
        await FinishedAsync("2026-11-20");
        var night = Assert.Single((await SignOffAsync())["nights"]!.AsArray())!;
        Assert.Equal(2, night["slices"]!.AsArray().Count);
    }

    [Fact]
    public async Task Night_PinnedOldReleaseAndRetiredNewOne_ValidatesThePinNotTheRetired()
    {
        for (var i = 0; i < 5; i++) await _client.CreateReleaseAsync($"4.0.{i}");
        (await _client.PostJsonAsync("/api/releases/3.0.0/pin", new { reason = "the README's release" })).EnsureSuccessStatusCode();
        (await _client.PostJsonAsync("/api/releases/4.0.4/retire", new { reason = "superseded by 4.0.3's fix" })).EnsureSuccessStatusCode();

        var runs = await NightAsync(1);

        Assert.Equal(["3.0.0", "4.0.0", "4.0.1", "4.0.2", "4.0.3"], runs.Select(r => (string)r["release"]!).Distinct().Order());
        Assert.Equal(10, runs.Length);
    }

    [Fact]
    public async Task Nights_ANightIsSkipped_CountStartsAgain()
    {
        await NightAsync(1);
        await NightAsync(2);
        await NightAsync(4);

        Assert.Equal(1, (int)(await SignOffAsync())["passingStreak"]!);
    }

    [Fact]
    public async Task NightlyJob_DashboardDownAtTheHour_RunsWhenItIsBack()
    {
        _client.Dispose();
        _app.Dispose();
        _settings["Nightly:Schedule"] = "0 0 2 * * ?";
        var folder = Directory.CreateTempSubdirectory("lens-catch-up-").FullName;
        try
        {
            using (var before = new LensAppFactory(folder, _clock, settings: _settings))
            {
                await before.CreateClient().CreateReleaseAsync("3.0.0");
                // The first start records when the job is next due: 02:00 tonight.
                await HttpTestExtensions.EventuallyAsync(() => NextFireAsync(before), at => at == FirstNight,
                    TimeSpan.FromSeconds(10), "the next nightly fire recorded");
            }

            // Down from 23:00 until 05:00: the 02:00 fire never happened.
            _clock.Advance(FirstNight.AddHours(3) - _clock.GetUtcNow());
            using var after = new LensAppFactory(folder, _clock, settings: _settings);
            var client = after.CreateClient();
            var state = await HttpTestExtensions.EventuallyAsync(async () => await (await client.GetAsync("/api/releases/3.0.0/signoff")).JsonAsync(),
                s => s["nights"]!.AsArray().Count == 1, TimeSpan.FromSeconds(20), "the missed night validated after the restart");
            Assert.Equal("2026-11-20", (string?)state["nights"]![0]!["night"]);
            await HttpTestExtensions.EventuallyAsync(() => NextFireAsync(after), at => at == FirstNight.AddDays(1),
                TimeSpan.FromSeconds(10), "the next fire moved to the following night");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<DateTimeOffset?> NextFireAsync(LensAppFactory app)
    {
        await using var db = await app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        return (await db.ScheduleMarks.AsNoTracking().FirstOrDefaultAsync())?.NextFireAt;
    }

    [Fact]
    public async Task NightlyJob_ClockPassesTheSchedule_ValidatesTonight()
    {
        _client.Dispose();
        _app.Dispose();
        await StartAppAsync("0 0 2 * * ?");

        // Quartz runs on the app's clock: moving it past 02:00 UTC fires the nightly job, with no request.
        _clock.Advance(FirstNight - _clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        var state = await HttpTestExtensions.EventuallyAsync(SignOffAsync, s => s["nights"]!.AsArray().Count == 1,
            TimeSpan.FromSeconds(20), "the scheduled nightly validation");
        Assert.Equal("2026-11-20", (string?)state["nights"]![0]!["night"]);
    }
    [Fact]
    public async Task Night_DashboardRestartsWhileItsBenchesRun_ResumesThemAndTheNightPasses()
    {
        _client.Dispose();
        _app.Dispose();
        var folder = Directory.CreateTempSubdirectory("lens-night-restart-").FullName;
        try
        {
            _clock.Advance(FirstNight - _clock.GetUtcNow());
            string night;
            using (var before = new LensAppFactory(folder, _clock, settings: _settings))
            {
                var client = before.CreateClient();
                await client.CreateReleaseAsync("3.0.0");
                // Slow enough that the first slice is still being measured, and the second still queued, at the restart.
                _search.CandidateDelay = TimeSpan.FromSeconds(30);
                var start = await (await client.PostAsync("/api/nightly/run", null)).JsonAsync();
                night = (string)start["night"]!;
                await HttpTestExtensions.EventuallyAsync(() => BenchesAsync(before), runs => runs.Count == 2, TimeSpan.FromSeconds(10), "the night's two benches recorded");
            }

            _search.CandidateDelay = TimeSpan.Zero;
            using var after = new LensAppFactory(folder, _clock, settings: _settings);
            var afterClient = after.CreateClient();
            var progress = await HttpTestExtensions.EventuallyAsync(async () => await (await afterClient.GetAsync($"/api/nightly/{night}")).JsonAsync(),
                p => (string?)p["status"] == "finished", TimeSpan.FromSeconds(30), "the cut-off night finished after the restart");

            var runs = await BenchesAsync(after);
            Assert.Equal(["java", "python"], runs.Select(r => r.Slice).Order());
            Assert.All(runs, r => Assert.True(r.Passed, $"slice {r.Slice}: {r.Status} {r.Error}"));
            var nights = (await (await afterClient.GetAsync("/api/releases/3.0.0/signoff")).JsonAsync())["nights"]!.AsArray();
            Assert.True((bool)Assert.Single(nights)!["passed"]!);
            Assert.Equal(2, progress["runs"]!.AsArray().Count);
        }
        finally
        {
            _search.CandidateDelay = TimeSpan.Zero;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<Lens.Core.Bench.BenchRun>> BenchesAsync(LensAppFactory app)
    {
        await using var db = await app.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        return await db.BenchRuns.AsNoTracking().Where(r => r.Night != null).ToListAsync();
    }
}
