using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>A stage that compares the candidate's p95 with the baseline's in the same window, over the real pipeline.</summary>
public sealed class RelativeGateTests : AppTestBase
{
    public RelativeGateTests() : base(TimeSpan.FromHours(1)) { }

    private async Task<string> StartAsync(int inconclusiveLimit)
    {
        await Client.CreateReleaseAsync();
        var stage = Requests.Stage(50, "00:00:01", maxErrorRate: 0.05, maxP99Ms: null, minSamples: 100, maxP95IncreaseVsBaseline: 0.10, inconclusiveLimit: inconclusiveLimit);
        return (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [stage, Requests.Stage(100)])))["id"]!;
    }

    /// <summary>Latencies spread evenly from <paramref name="from"/> to <paramref name="to"/> ms.</summary>
    private static IngestBody Spread(IngestBody body, string variant, int count, double from, double to)
    {
        for (var i = 0; i < count; i++) body.Event(variant, from + (to - from) * i / (count - 1), ok: true);
        return body;
    }

    private async Task<System.Text.Json.Nodes.JsonNode> EvaluateAsync(string id, IngestBody body)
    {
        (await Client.PostAsync("/api/ingest", body.ToContent())).EnsureSuccessStatusCode();
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        await App.Get<RolloutEngine>().EvaluateRunningAsync();
        return await Client.GetRolloutAsync(id);
    }

    [Fact]
    public async Task Evaluate_CandidateClearlySlower_FailsWithTheIntervalAndRollsBack()
    {
        var id = await StartAsync(inconclusiveLimit: 0);

        var rollout = await EvaluateAsync(id, Spread(Spread(new IngestBody("search-ranking"), "baseline", 400, 10, 100), "candidate", 400, 20, 200));

        Assert.Equal("RolledBack", (string?)rollout["state"]);
        var gate = rollout["verdicts"]!.AsArray().Single(v => (string?)v!["gate"] == "p95_vs_baseline")!;
        Assert.Equal("Fail", (string?)gate["verdict"]);
        Assert.InRange((double)gate["value"]!, 1.9, 2.1);
        Assert.True((double)gate["lower"]! > 1.10);
    }

    [Fact]
    public async Task Evaluate_SameLatencyOnBothSides_PassesAndAdvances()
    {
        var id = await StartAsync(inconclusiveLimit: 0);

        var rollout = await EvaluateAsync(id, Spread(Spread(new IngestBody("search-ranking"), "baseline", 2000, 10, 100), "candidate", 2000, 10, 100));

        Assert.Equal(1, (int?)rollout["stageIndex"]);
    }

    [Fact]
    public async Task Evaluate_TooFewSamplesToTellFivePercent_StaysInconclusiveThenPausesForAPerson()
    {
        var id = await StartAsync(inconclusiveLimit: 2);
        // 5% slower on 150 samples each: the p95 intervals are far wider than the 10% allowance.
        var body = Spread(Spread(new IngestBody("search-ranking"), "baseline", 150, 10, 100), "candidate", 150, 10.5, 105);

        var first = await EvaluateAsync(id, body);
        Assert.Equal("Running", (string?)first["state"]);
        Assert.Equal("Inconclusive", (string?)first["verdicts"]!.AsArray().Single(v => (string?)v!["gate"] == "p95_vs_baseline")!["verdict"]);

        await App.Get<RolloutEngine>().EvaluateRunningAsync();
        var paused = await Client.GetRolloutAsync(id);

        Assert.Equal(("Paused", 0), ((string?)paused["state"], (int?)paused["stageIndex"]));
        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        Assert.EndsWith("inconclusive 2 time(s) in a row (limit 2): a person decides.", (string?)audit.Single(a => (string?)a!["action"] == "AutoPause")!["reason"]);
        var alerts = (await (await Client.GetAsync("/api/alerts?state=open")).JsonAsync()).AsArray();
        Assert.Contains(alerts, a => (string?)a!["severity"] == "Warn" && ((string?)a["title"])!.Contains("a person decides"));
    }

    [Fact]
    public async Task Rollback_ByALeadWhileTheSplitIsSkewed_ResolvesTheSrmWarning()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "01:00:00", maxErrorRate: 0.05, maxP99Ms: null), Requests.Stage(100)])))["id"]!;
        await EvaluateAsync(id, Spread(Spread(new IngestBody("search-ranking"), "baseline", 1000, 10, 100), "candidate", 1000, 10, 100));
        Assert.Contains((await (await Client.GetAsync("/api/alerts?state=open")).JsonAsync()).AsArray(), a => (string?)a!["key"] == $"rollout:{id}:srm");

        (await Client.PostJsonAsync($"/api/rollouts/{id}/rollback", Requests.Action(reason: "split is broken"))).EnsureSuccessStatusCode();

        var open = (await (await Client.GetAsync("/api/alerts?state=open")).JsonAsync()).AsArray();
        Assert.DoesNotContain(open, a => (string?)a!["key"] == $"rollout:{id}:srm");
    }

    [Fact]
    public async Task Evaluate_ServedSplitFarFromIntended_RaisesTheSrmWarningHoldsTheComparisonAndClearsWhenTheSplitIsRight()
    {
        await Client.CreateReleaseAsync();
        var stage = Requests.Stage(10, "00:00:01", maxErrorRate: 0.05, maxP99Ms: null, minSamples: 100, maxP95IncreaseVsBaseline: 0.10);
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [stage, Requests.Stage(100)])))["id"]!;

        // Same latencies on both sides, but a 50/50 split on a 10% stage.
        var skewed = await EvaluateAsync(id, Spread(Spread(new IngestBody("search-ranking"), "baseline", 1000, 10, 100), "candidate", 1000, 10, 100));

        Assert.Equal(("Running", 0), ((string?)skewed["state"], (int?)skewed["stageIndex"]));
        Assert.Equal("Inconclusive", (string?)skewed["verdicts"]!.AsArray().Single(v => (string?)v!["gate"] == "p95_vs_baseline")!["verdict"]);
        var open = (await (await Client.GetAsync("/api/alerts?state=open")).JsonAsync()).AsArray();
        var srm = Assert.Single(open, a => (string?)a!["key"] == $"rollout:{id}:srm")!;
        Assert.Equal("Warn", (string?)srm["severity"]);

        // 8,000 more baseline requests make it 1,000 of 10,000: the intended 10%.
        var fixedSplit = await EvaluateAsync(id, Spread(new IngestBody("search-ranking"), "baseline", 8000, 10, 100));

        Assert.Equal(1, (int?)fixedSplit["stageIndex"]);
        var stillOpen = (await (await Client.GetAsync("/api/alerts?state=open")).JsonAsync()).AsArray();
        Assert.DoesNotContain(stillOpen, a => (string?)a!["key"] == $"rollout:{id}:srm");
    }
}
