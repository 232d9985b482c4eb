using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

// The scheduled job runs hourly here, so a rollback within the test's deadline comes from ingest's own breach check.
public sealed class ResultsPerQueryGateTests : AppTestBase
{
    public ResultsPerQueryGateTests() : base(TimeSpan.FromHours(1)) { }

    private async Task<string> StartAsync(int minSamples = 100)
    {
        await Client.CreateReleaseAsync();
        var stage = Requests.Stage(10, "01:00:00", maxErrorRate: 0.01, maxP99Ms: 200, minSamples: minSamples,
            targetResultsPerQuery: 5, maxResultsPerQueryDrift: 1);
        return (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [stage, Requests.Stage(100)])))["id"]!;
    }

    [Fact]
    public async Task Ingest_CandidateResultsFarFromTarget_RollsBackAtOnceNamingTheGate()
    {
        var id = await StartAsync();

        // Healthy by every other gate (no errors, 20-26 ms), but 12 results a query against 5 ± 1.
        var response = await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Results(120, 12).Results(300, 5, "baseline").ToContent());
        response.EnsureSuccessStatusCode();

        await HttpTestExtensions.EventuallyAsync(
            async () => await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync(),
            f => (decimal?)f["percent"] == 0m, TimeSpan.FromSeconds(2), "the flag to return to 0%");
        var rollout = await Client.GetRolloutAsync(id);
        Assert.Equal("RolledBack", (string?)rollout["state"]);
        var gate = rollout["verdicts"]!.AsArray().Single(v => (string?)v!["gate"] == "results_per_query")!;
        Assert.Equal(("Fail", 12.0, 5.0, 1.0, 120L),
            ((string?)gate["verdict"], (double?)gate["value"], (double?)gate["threshold"], (double?)gate["tolerance"], (long?)gate["samples"]));
        Assert.All(rollout["verdicts"]!.AsArray().Where(v => (string?)v!["gate"] != "results_per_query"), v => Assert.Equal("Pass", (string?)v!["verdict"]));

        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        var rollback = audit.Single(a => (string?)a!["action"] == "AutoRollback")!;
        Assert.StartsWith("Results per query 12.00 against 5 ± 1 on 120 samples: Fail", (string?)rollback["reason"]);
        Assert.Contains("results_per_query", (string?)rollback["verdictsJson"]);
    }

    [Fact]
    public async Task Evaluate_CandidateResultsWithinDrift_PassesOnTheEventsThatGaveACount()
    {
        var id = await StartAsync();

        // Mean (60×4 + 60×6) / 120 = 5; the 50 events without a resultCount neither count nor pull the mean to 0.
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Results(60, 4).Results(60, 6).Results(50, null).ToContent());
        await App.Get<RolloutEngine>().EvaluateRunningAsync();

        var rollout = await Client.GetRolloutAsync(id);
        Assert.Equal("Running", (string?)rollout["state"]);
        var gate = rollout["verdicts"]!.AsArray().Single(v => (string?)v!["gate"] == "results_per_query")!;
        Assert.Equal(("Pass", 5.0, 120L), ((string?)gate["verdict"], (double?)gate["value"], (long?)gate["samples"]));
        var candidate = rollout["metrics"]!["candidate"]!;
        Assert.Equal((170L, 120L, 5.0), ((long?)candidate["requests"], (long?)candidate["resultSamples"], (double?)candidate["resultsPerQuery"]));
    }

    [Fact]
    public async Task Evaluate_NoEventCarriesAResultCount_GateGathersDataWhileTheOthersPass()
    {
        var id = await StartAsync();

        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Results(200, null).ToContent());
        await App.Get<RolloutEngine>().EvaluateRunningAsync();

        var rollout = await Client.GetRolloutAsync(id);
        Assert.Equal("Running", (string?)rollout["state"]);
        var verdicts = rollout["verdicts"]!.AsArray().ToDictionary(v => (string)v!["gate"]!, v => (string?)v!["verdict"]);
        Assert.Equal("InsufficientData", verdicts["results_per_query"]);
        Assert.Equal("Pass", verdicts["error_rate"]);
        Assert.Null((double?)rollout["metrics"]!["candidate"]!["resultsPerQuery"]);
    }
}
