using Lens.EndToEnd.Tests.Infrastructure;

namespace Lens.EndToEnd.Tests.Tests;

/// <summary>Kills the process outright (SIGKILL) mid-stage and checks nothing accepted or decided is lost.</summary>
[Collection("browser")]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Kill9_MidStage_ResumesSameStageAuditAndWindowThenKeepsEvaluating()
    {
        await using var app = new DashboardProcess();
        await app.StartAsync();
        string id;
        using (var api = new DashboardApi(app.BaseAddress))
        {
            id = await api.StartRolloutAsync("6.0.0", "crash-flag", DashboardApi.Stage(10, "00:00:01", minSamples: 50), DashboardApi.Stage(50, "00:00:04", minSamples: 50), DashboardApi.Stage(100, "01:00:00", minSamples: 50));
            await api.PostAsync($"/api/rollouts/{id}/promote", new { actor = "lead", reason = "skip ahead", expectedStageIndex = 0 });
            var events = Enumerable.Range(0, 30).Select(i => new { variant = "candidate", latencyMs = 10.0 + i, ok = true, resultCount = 5 }).ToArray();
            var accepted = await api.PostAsync("/api/ingest", new { flag = "crash-flag", events });
            Assert.Equal(30, (int?)accepted["accepted"]);
        }

        await app.KillAsync();
        await app.StartAsync();

        using var after = new DashboardApi(app.BaseAddress);
        var rollout = await after.GetAsync($"/api/rollouts/{id}");
        Assert.Equal("Running", (string?)rollout["state"]);
        Assert.Equal(1, (int?)rollout["stageIndex"]);
        Assert.Equal(30, (long?)rollout["metrics"]!["candidate"]!["requests"]);
        var audit = (await after.GetAsync($"/api/rollouts/{id}/audit")).AsArray().Select(a => (string)a!["action"]!).ToArray();
        Assert.Equal(["Start", "Promote"], audit);
        Assert.Equal(50m, (decimal?)(await after.GetAsync("/api/flags/crash-flag"))["percent"]);

        // 20 more healthy samples reach MinSamples; the restarted engine advances on its own schedule.
        var more = Enumerable.Range(0, 20).Select(i => new { variant = "candidate", latencyMs = 12.0, ok = true, resultCount = 5 }).ToArray();
        await after.PostAsync("/api/ingest", new { flag = "crash-flag", events = more });
        var advanced = await after.WaitForAsync($"/api/rollouts/{id}", r => (int?)r["stageIndex"] == 2, TimeSpan.FromSeconds(15), "the restarted engine to advance the stage");
        Assert.Equal(100m, (decimal?)advanced["percent"]);
    }
}
