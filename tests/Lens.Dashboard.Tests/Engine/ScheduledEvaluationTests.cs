using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

public sealed class ScheduledEvaluationTests : AppTestBase
{

    [Fact]
    public async Task Evaluate_HealthyStageAfterMinimumDuration_AdvancesAndRaisesTheFlag()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:00:45", minSamples: 50), Requests.Stage(100, "00:00:45", minSamples: 50)])))["id"]!;
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(60).Healthy(500, "baseline").ToContent());
        var engine = App.Get<RolloutEngine>();

        App.Clock.Advance(TimeSpan.FromSeconds(44));
        await engine.EvaluateRunningAsync();
        Assert.Equal(0, (int?)(await Client.GetRolloutAsync(id))["stageIndex"]);

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await engine.EvaluateRunningAsync();
        var rollout = await Client.GetRolloutAsync(id);
        Assert.Equal(1, (int?)rollout["stageIndex"]);
        Assert.Equal(100m, (decimal?)(await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync())["percent"]);
        // A new stage starts a new window: the old stage's samples do not count toward it.
        Assert.Equal(0, (long?)rollout["metrics"]!["candidate"]!["requests"]);

        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(60).ToContent());
        App.Clock.Advance(TimeSpan.FromSeconds(45));
        await engine.EvaluateRunningAsync();
        Assert.Equal("Promoted", (string?)(await Client.GetRolloutAsync(id))["state"]);
        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.Equal(["Start", "AutoAdvance", "AutoPromote"], audit.Select(a => (string)a!["action"]!));
    }

    [Fact]
    public async Task Evaluate_UnderKillSwitch_DoesNotAdvance()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:00:10", minSamples: 10), Requests.Stage(100)])))["id"]!;
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(20).ToContent());
        await Client.PostJsonAsync("/api/killswitch", new { active = true, actor = "oncall", reason = "incident" });
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await App.Get<RolloutEngine>().EvaluateRunningAsync();
        Assert.Equal(0, (int?)(await Client.GetRolloutAsync(id))["stageIndex"]);
    }
}
