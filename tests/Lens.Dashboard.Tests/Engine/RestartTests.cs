using Microsoft.Extensions.Time.Testing;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

public sealed class RestartTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-restart-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Restart_MidStage_ResumesSameStageWindowAndAuditAndKeepsEvaluating()
    {
        var clock = TestClock.StartingAt2026();
        string id;
        using (var before = new LensAppFactory(_folder.FullName, clock))
        {
            var client = before.CreateClient();
            await client.CreateReleaseAsync();
            id = (string)(await client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:01:00", minSamples: 50), Requests.Stage(50, "00:01:00", maxErrorRate: 0.05, minSamples: 50), Requests.Stage(100)])))["id"]!;
            await client.PostJsonAsync($"/api/rollouts/{id}/promote", Requests.Action(expectedStageIndex: 0));
            clock.Advance(TimeSpan.FromSeconds(20));
            await client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(40).Failing(1).Healthy(300, "baseline").ToContent());
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        using var after = new LensAppFactory(_folder.FullName, clock);
        var restarted = after.CreateClient();
        var rollout = await restarted.GetRolloutAsync(id);
        Assert.Equal("Running", (string?)rollout["state"]);
        Assert.Equal(1, (int?)rollout["stageIndex"]);
        Assert.Equal(50m, (decimal?)(await (await restarted.GetAsync("/api/flags/search-ranking")).JsonAsync())["percent"]);
        Assert.Equal(41, (long?)rollout["metrics"]!["candidate"]!["requests"]);
        Assert.Equal(1, (long?)rollout["metrics"]!["candidate"]!["errors"]);
        Assert.Equal(300, (long?)rollout["metrics"]!["baseline"]!["requests"]);
        var audit = (await (await restarted.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.Equal(["Start", "Promote"], audit.Select(a => (string)a!["action"]!));

        // Evaluation carries on from the restored window: 9 more healthy requests reach MinSamples.
        await restarted.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(9).ToContent());
        clock.Advance(TimeSpan.FromSeconds(21));
        await after.Get<RolloutEngine>().EvaluateRunningAsync();
        rollout = await restarted.GetRolloutAsync(id);
        Assert.Equal(2, (int?)rollout["stageIndex"]);
    }

    [Fact]
    public async Task Restart_MidStage_KeepsTheWindowsResultsPerQueryAndJudgesOnIt()
    {
        var clock = TestClock.StartingAt2026();
        var stage = Requests.Stage(10, "01:00:00", minSamples: 100, targetResultsPerQuery: 5, maxResultsPerQueryDrift: 1);
        string id;
        using (var before = new LensAppFactory(_folder.FullName, clock))
        {
            var client = before.CreateClient();
            await client.CreateReleaseAsync();
            id = (string)(await client.CreateRolloutAsync(Requests.Rollout(stages: [stage, Requests.Stage(100)])))["id"]!;
            clock.Advance(TimeSpan.FromSeconds(10));
            // 60 queries at 6 results (the top of 5 ± 1), 20 that said nothing, in two 5-second buckets.
            await client.PostAsync("/api/ingest", new IngestBody("search-ranking").Results(40, 6).Results(20, null).Results(30, 2, "baseline").ToContent());
            clock.Advance(TimeSpan.FromSeconds(5));
            await client.PostAsync("/api/ingest", new IngestBody("search-ranking").Results(20, 6).ToContent());
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        using var after = new LensAppFactory(_folder.FullName, clock);
        var restarted = after.CreateClient();
        var candidate = (await restarted.GetRolloutAsync(id))["metrics"]!["candidate"]!;
        Assert.Equal((80L, 60L, 6.0), ((long?)candidate["requests"], (long?)candidate["resultSamples"], (double?)candidate["resultsPerQuery"]));
        Assert.Equal(2.0, (double?)(await restarted.GetRolloutAsync(id))["metrics"]!["baseline"]!["resultsPerQuery"]);

        // 50 more at 7: alone they are too few to judge; with the 60 restored, (360 + 350) / 110 = 6.45 is out of 5 ± 1.
        await restarted.PostAsync("/api/ingest", new IngestBody("search-ranking").Results(50, 7).ToContent());
        await after.Get<RolloutEngine>().EvaluateRunningAsync();
        var rollout = await restarted.GetRolloutAsync(id);
        Assert.Equal("RolledBack", (string?)rollout["state"]);
        var audit = (await (await restarted.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.StartsWith("Results per query 6.45 against 5 ± 1 on 110 samples: Fail", (string?)audit.Single(a => (string?)a!["action"] == "AutoRollback")!["reason"]);
    }

    [Fact]
    public async Task Restart_MidStage_KeepsTheWindowsGaugesAndJudgesOnThem()
    {
        var clock = TestClock.StartingAt2026();
        var stage = new { percent = 10, minDuration = "01:00:00", gates = new { minSamples = 10, gauges = new[] { new { name = "memory_mb", max = 1024.0 } } } };
        string id;
        using (var before = new LensAppFactory(_folder.FullName, clock))
        {
            var client = before.CreateClient();
            await client.CreateReleaseAsync();
            id = (string)(await client.CreateRolloutAsync(Requests.Rollout(stages: [stage, Requests.Stage(100)])))["id"]!;
            clock.Advance(TimeSpan.FromSeconds(10));
            await client.PostAsync("/api/ingest", new IngestBody("search-ranking").Gauge("memory_mb", 1000).Gauge("memory_mb", 600, "baseline").ToContent());
            clock.Advance(TimeSpan.FromSeconds(5));
            await client.PostAsync("/api/ingest", new IngestBody("search-ranking").Gauge("memory_mb", 1010).ToContent());
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        using var after = new LensAppFactory(_folder.FullName, clock);
        var restarted = after.CreateClient();
        var memory = (await restarted.GetRolloutAsync(id))["metrics"]!["gauges"]!["memory_mb"]!;
        Assert.Equal((2L, 1005.0, 1L), ((long?)memory["candidate"]!["samples"], (double?)memory["candidate"]!["mean"], (long?)memory["baseline"]!["samples"]));

        // One more report: alone too few to judge (3 needed); with the two restored, (1000 + 1010 + 1300) / 3 = 1103.33 is over 1024.
        await restarted.PostAsync("/api/ingest", new IngestBody("search-ranking").Gauge("memory_mb", 1300).ToContent());
        await after.Get<RolloutEngine>().EvaluateRunningAsync();
        var audit = (await (await restarted.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.StartsWith("memory_mb ceiling 1103.333 against a limit of 1024 on 3 samples: Fail", (string?)audit.Single(a => (string?)a!["action"] == "AutoRollback")!["reason"]);
    }
}
