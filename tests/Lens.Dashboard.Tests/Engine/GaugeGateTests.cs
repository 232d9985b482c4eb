using System.Net;
using System.Text;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>Gauges services send with their events, judged by a stage's gauge gates over the real pipeline.</summary>
public sealed class GaugeGateTests : AppTestBase
{
    public GaugeGateTests() : base(TimeSpan.FromHours(1)) { }

    private static object GaugeStage(double percent, object gauges, string minDuration = "00:00:01") =>
        new { percent, minDuration, gates = new { maxErrorRate = 0.05, minSamples = 10, gauges } };

    private async Task<string> StartAsync(params object[] stages)
    {
        await Client.CreateReleaseAsync();
        return (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: stages)))["id"]!;
    }

    private async Task<System.Text.Json.Nodes.JsonNode> IngestAndEvaluateAsync(string id, IngestBody body)
    {
        var response = await Client.PostAsync("/api/ingest", body.ToContent());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        await App.Get<RolloutEngine>().EvaluateRunningAsync();
        return await Client.GetRolloutAsync(id);
    }

    [Fact]
    public async Task Evaluate_CandidateMemoryOverTheCeiling_RollsBackNamingTheGauge()
    {
        var id = await StartAsync(GaugeStage(10, new[] { new { name = "memory_mb", max = 1024.0 } }), Requests.Stage(100));

        var rollout = await IngestAndEvaluateAsync(id, new IngestBody("search-ranking").Healthy(20)
            .Gauge("memory_mb", 1100).Gauge("memory_mb", 1150).Gauge("memory_mb", 1200).Gauge("memory_mb", 700, "baseline"));

        Assert.Equal("RolledBack", (string?)rollout["state"]);
        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.Contains("memory_mb ceiling 1150 against a limit of 1024 on 3 samples: Fail", (string?)audit[^1]!["reason"]);
    }

    [Fact]
    public async Task Evaluate_GaugesWithinCeilingAndFloor_AdvancesAndShowsTheWindowsGauges()
    {
        var id = await StartAsync(GaugeStage(10, new object[] { new { name = "memory_mb", max = 1024.0 }, new { name = "cache_hit_rate", min = 0.6, minSamples = 2 } }),
            Requests.Stage(100));
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(20).Gauge("memory_mb", 800).Gauge("memory_mb", 820)
            .Gauge("cache_hit_rate", 0.7).Gauge("cache_hit_rate", 0.66).Gauge("memory_mb", 790, "baseline").ToContent());

        var before = await Client.GetRolloutAsync(id);
        var memory = before["metrics"]!["gauges"]!["memory_mb"]!;
        Assert.Equal((2L, 810.0, 1L), ((long?)memory["candidate"]!["samples"], (double?)memory["candidate"]!["mean"], (long?)memory["baseline"]!["samples"]));

        var rollout = await IngestAndEvaluateAsync(id, new IngestBody("search-ranking").Gauge("memory_mb", 810));

        Assert.Equal(1, (int?)rollout["stageIndex"]);
    }

    [Fact]
    public async Task Evaluate_CacheHitRateFallsBelowBaseline_FailsTheRelativeGate()
    {
        var id = await StartAsync(GaugeStage(50, new[] { new { name = "cache_hit_rate", maxDecreaseVsBaseline = 0.05, minSamples = 1 } }), Requests.Stage(100));

        var rollout = await IngestAndEvaluateAsync(id, new IngestBody("search-ranking").Healthy(20).Healthy(20, "baseline")
            .Gauge("cache_hit_rate", 0.70).Gauge("cache_hit_rate", 0.80, "baseline"));

        Assert.Equal("RolledBack", (string?)rollout["state"]);
        var gate = rollout["verdicts"]!.AsArray().Single(v => (string?)v!["gate"] == "gauge.cache_hit_rate.decrease")!;
        Assert.Equal(("Fail", 0.875, 0.95), ((string?)gate["verdict"], Math.Round((double)gate["value"]!, 9), (double)gate["threshold"]!));
    }

    [Fact]
    public async Task Ingest_GaugesOnly_AreAcceptedAndCounted()
    {
        var id = await StartAsync(GaugeStage(10, new[] { new { name = "span_coverage", min = 0.98 } }), Requests.Stage(100));

        var response = await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Gauge("span_coverage", 0.985).ToContent());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1L, (long?)(await Client.GetRolloutAsync(id))["metrics"]!["gauges"]!["span_coverage"]!["candidate"]!["samples"]);
    }

    [Theory]
    [InlineData("""{"variant":"candidate","name":"memory_mb","value":"812"}""", "gauges[1].value")]
    [InlineData("""{"variant":"canary","name":"memory_mb","value":812}""", "gauges[1].variant")]
    [InlineData("""{"variant":"candidate","name":"memory mb","value":812}""", "gauges[1].name")]
    [InlineData("""{"variant":"candidate","value":812}""", "gauges[1].name")]
    [InlineData("""{"variant":"candidate","name":"memory_mb"}""", "gauges[1].value")]
    [InlineData("""812""", "gauges[1]")]
    public async Task Ingest_BadGauge_IsRefusedNamingTheFieldAndNothingIsCounted(string gauge, string field)
    {
        var id = await StartAsync(GaugeStage(10, new[] { new { name = "memory_mb", max = 1024.0 } }), Requests.Stage(100));

        var response = await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(5).Gauge("memory_mb", 800).RawGauge(gauge).ToContent());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
        var metrics = (await Client.GetRolloutAsync(id))["metrics"]!;
        Assert.Equal(0L, (long?)metrics["candidate"]!["requests"]);
        Assert.Empty(metrics["gauges"]!.AsObject());
    }

    [Theory]
    [InlineData("""{"name":"memory_mb","max":"lots"}""", "stages[0].gates.gauges[0].max")]
    [InlineData("""{"name":"memory_mb"}""", "stages[0].gates.gauges[0]")]
    [InlineData("""{"name":"memory_mb","max":100,"min":200}""", "stages[0].gates.gauges[0].min")]
    [InlineData("""{"name":"","max":100}""", "stages[0].gates.gauges[0].name")]
    [InlineData("""{"name":"memory_mb","maxDecreaseVsBaseline":2}""", "stages[0].gates.gauges[0].maxDecreaseVsBaseline")]
    public async Task Create_BadGaugeGate_IsRefusedNamingTheField(string gauge, string field)
    {
        await Client.CreateReleaseAsync();
        var body = $$$"""{"releaseVersion":"2.4.0","flag":"search-ranking","stages":[{"percent":10,"minDuration":"00:01:00","gates":{"gauges":[{{{gauge}}}]}}]}""";

        var response = await Client.PostAsync("/api/rollouts", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"{field} not in {errors.ToJsonString()}");
    }

    [Fact]
    public async Task Create_DeploymentControllerPlan_CarriesTheSeedsMemoryAndCacheGates()
    {
        await Client.CreateReleaseAsync();

        var rollout = await Client.CreateRolloutAsync(new { releaseVersion = "2.4.0", flag = "search-ranking", plan = "deployment-controller" });

        var gauges = rollout["stages"]![1]!["gates"]!["gauges"]!.AsArray();
        Assert.Equal([("memory_mb", (double?)1536, (double?)null), ("cache_hit_rate", null, 0.7)],
            gauges.Select(g => ((string)g!["name"]!, (double?)g["max"], (double?)g["min"])));
    }
}
