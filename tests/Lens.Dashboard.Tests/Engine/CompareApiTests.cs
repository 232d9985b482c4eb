using System.Net;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Engine;

/// <summary>GET /api/rollouts/{id}/compare: every metric baseline against candidate from the live window, with a sentence on top.</summary>
public sealed class CompareApiTests : AppTestBase
{
    public CompareApiTests() : base(TimeSpan.FromHours(1)) { }

    private async Task<string> StartAsync()
    {
        await Client.CreateReleaseAsync();
        return (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(50, "01:00:00", maxErrorRate: 0.5, maxP99Ms: null), Requests.Stage(100)])))["id"]!;
    }

    private static IngestBody Spread(IngestBody body, string variant, int count, double from, double to, int errorsEvery = 0)
    {
        for (var i = 0; i < count; i++) body.Event(variant, from + (to - from) * i / (count - 1), ok: errorsEvery == 0 || i % errorsEvery != 0);
        return body;
    }

    [Fact]
    public async Task Compare_SlowerCandidate_SaysWorseWithTheIntervalInTheSentence()
    {
        var id = await StartAsync();
        (await Client.PostAsync("/api/ingest", Spread(Spread(new IngestBody("search-ranking"), "baseline", 2000, 10, 100), "candidate", 2000, 13, 130).ToContent())).EnsureSuccessStatusCode();

        var comparison = await (await Client.GetAsync($"/api/rollouts/{id}/compare")).JsonAsync();

        var p95 = comparison["metrics"]!.AsArray().Single(m => (string?)m!["metric"] == "p95 latency")!;
        Assert.Equal("Worse", (string?)p95["outcome"]);
        Assert.InRange((double)p95["relativeDifference"]!, 0.25, 0.35);
        Assert.True((double)p95["relativeLower"]! > 0);
        Assert.StartsWith("After 2,000 requests per side, the candidate is worse: p50 latency +", (string?)comparison["verdict"]);
        Assert.Contains("p95 latency +", (string?)comparison["verdict"]);
        Assert.Equal("NotYetKnown", (string?)comparison["metrics"]!.AsArray().Single(m => (string?)m!["metric"] == "error rate")!["outcome"]);
    }

    [Fact]
    public async Task Compare_SameOnBothSides_SaysNotYetKnownAndHowManyWouldTell()
    {
        var id = await StartAsync();
        (await Client.PostAsync("/api/ingest", Spread(Spread(new IngestBody("search-ranking"), "baseline", 300, 10, 100, errorsEvery: 50), "candidate", 300, 10, 100, errorsEvery: 50).ToContent())).EnsureSuccessStatusCode();

        var comparison = await (await Client.GetAsync($"/api/rollouts/{id}/compare")).JsonAsync();

        Assert.All(comparison["metrics"]!.AsArray(), m => Assert.Equal("NotYetKnown", (string?)m!["outcome"]));
        Assert.Matches(@"^After 300 requests per side, the candidate is not yet known to differ: no metric shows a difference yet\. About [0-9,]+ per side would detect", (string?)comparison["verdict"]);
        var errors = comparison["metrics"]!.AsArray().Single(m => (string?)m!["metric"] == "error rate")!;
        Assert.True((long)errors["samplesNeededPerArm"]! > 300);
    }

    [Fact]
    public async Task Compare_UnknownRollout_Is404NamingTheId()
    {
        var response = await Client.GetAsync($"/api/rollouts/{Guid.NewGuid()}/compare");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["id"]);
    }

    [Fact]
    public async Task SignOffReport_ReleaseWithALiveRollout_IncludesTheComparison()
    {
        await StartAsync();
        (await Client.PostAsync("/api/ingest", Spread(Spread(new IngestBody("search-ranking"), "baseline", 2000, 10, 100), "candidate", 2000, 13, 130).ToContent())).EnsureSuccessStatusCode();

        var report = await Client.GetStringAsync("/api/releases/2.4.0/report.md");

        Assert.Contains("## Baseline against candidate (live rollout)", report);
        Assert.Contains("Flag `search-ranking`, stage 1 at 50%: After 2,000 requests per side, the candidate is worse", report);
        Assert.Matches(@"\| p95 latency \| 9\d ms \| 1\d\d ms \| \+3\d\.\d% \| \+\d+\.\d% to \+\d+\.\d% \| worse \| 2,000 \|", report);
    }

    [Fact]
    public async Task SignOffReport_NoLiveRollout_SaysThereIsNoComparison()
    {
        await Client.CreateReleaseAsync();

        var report = await Client.GetStringAsync("/api/releases/2.4.0/report.md");

        Assert.Contains("No rollout of this release is running, so there is no live comparison.", report);
    }
}
