using System.Diagnostics;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

// The scheduled job runs hourly here, so only the ingest trigger can act within the test's deadline.
public sealed class BreachResponseTests : AppTestBase
{
    public BreachResponseTests() : base(TimeSpan.FromHours(1)) { }

    [Fact]
    public async Task Ingest_ThatBreachesAGate_RollsBackWithinOneSecondAndRecordsWhy()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "01:00:00", maxErrorRate: 0.01, minSamples: 100)])))["id"]!;

        var accepted = Stopwatch.StartNew();
        var response = await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(90).Failing(30).ToContent());
        response.EnsureSuccessStatusCode();
        accepted.Restart();

        var flag = await HttpTestExtensions.EventuallyAsync(
            async () => await (await Client.GetAsync("/api/flags/search-ranking")).JsonAsync(),
            f => (decimal?)f["percent"] == 0m, TimeSpan.FromSeconds(1), "the flag to return to 0%");
        Assert.True(accepted.Elapsed < TimeSpan.FromSeconds(1), $"took {accepted.Elapsed}");
        Assert.True((long)flag["version"]! >= 3);

        var rollout = await Client.GetRolloutAsync(id);
        Assert.Equal("RolledBack", (string?)rollout["state"]);
        var audit = (await (await Client.GetAsync($"/api/rollouts/{id}/audit")).JsonAsync()).AsArray();
        var rollback = audit.Single(a => (string?)a!["action"] == "AutoRollback")!;
        Assert.Equal("rollout-engine", (string?)rollback["actor"]);
        var reason = (string)rollback["reason"]!;
        // 30 of 120 failed, against a 1% limit: in the same units the pages use.
        Assert.Contains("Error rate 25% against a limit of 1% on 120 samples", reason);
        Assert.Contains("error_rate", (string?)rollback["verdictsJson"]);
    }

    [Fact]
    public async Task Ingest_BelowMinSamples_NeverActsEvenIfEveryRequestFails()
    {
        await Client.CreateReleaseAsync();
        var id = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, "00:00:00", minSamples: 100)])))["id"]!;
        await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Failing(99).ToContent());
        await App.Get<Lens.Dashboard.Features.Rollouts.RolloutEngine>().EvaluateRunningAsync();
        var rollout = await Client.GetRolloutAsync(id);
        Assert.Equal("Running", (string?)rollout["state"]);
        Assert.All(rollout["verdicts"]!.AsArray(), v => Assert.Equal("InsufficientData", (string?)v!["verdict"]));
    }
}
