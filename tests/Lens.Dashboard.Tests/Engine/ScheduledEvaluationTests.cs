using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

public sealed class ScheduledEvaluationTests : IDisposable
{
    private readonly LensAppFactory _app = new();
    private readonly HttpClient _client;

    public ScheduledEvaluationTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Evaluate_HealthyStageAfterMinimumDuration_AdvancesAndRaisesTheFlag()
    {
        await _client.CreateReleaseAsync();
        var id = (string)(await _client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:00:45", minSamples: 50), Requests.Stage(100, "00:00:45", minSamples: 50)])))["id"]!;
        await _client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(60).Healthy(500, "baseline").ToContent());
        var engine = _app.Get<RolloutEngine>();

        _app.Clock.Advance(TimeSpan.FromSeconds(44));
        await engine.EvaluateRunningAsync();
        Assert.Equal(0, (int?)(await _client.GetRolloutAsync(id))["stageIndex"]);

        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await engine.EvaluateRunningAsync();
        var rollout = await _client.GetRolloutAsync(id);
        Assert.Equal(1, (int?)rollout["stageIndex"]);
        Assert.Equal(100m, (decimal?)(await (await _client.GetAsync("/api/flags/search-ranking")).JsonAsync())["percent"]);
        // A new stage starts a new window: the old stage's samples do not count toward it.
        Assert.Equal(0, (long?)rollout["metrics"]!["candidate"]!["requests"]);

        await _client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(60).ToContent());
        _app.Clock.Advance(TimeSpan.FromSeconds(45));
        await engine.EvaluateRunningAsync();
        Assert.Equal("Promoted", (string?)(await _client.GetRolloutAsync(id))["state"]);
        var audit = (await (await _client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.Equal(["Start", "AutoAdvance", "AutoPromote"], audit.Select(a => (string)a!["action"]!));
    }

    [Fact]
    public async Task Evaluate_UnderKillSwitch_DoesNotAdvance()
    {
        await _client.CreateReleaseAsync();
        var id = (string)(await _client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:00:10", minSamples: 10), Requests.Stage(100)])))["id"]!;
        await _client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(20).ToContent());
        await _client.PostJsonAsync("/api/killswitch", new { active = true, actor = "oncall", reason = "incident" });
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.Get<RolloutEngine>().EvaluateRunningAsync();
        Assert.Equal(0, (int?)(await _client.GetRolloutAsync(id))["stageIndex"]);
    }
}
