using System.Net;
using System.Text;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Api;

public sealed class IngestApiTests : AppTestBase
{
    private string _rolloutId = "";

    private async Task StartRolloutAsync(int minSamples = 1000)
    {
        await Client.CreateReleaseAsync();
        _rolloutId = (string)(await Client.CreateRolloutAsync(Requests.Rollout(stages: [Requests.Stage(10, minSamples: minSamples, maxP99Ms: 5000), Requests.Stage(100, minSamples: minSamples, maxP99Ms: 5000)])))["id"]!;
    }

    [Fact]
    public async Task Post_MixedBatch_CountsValidEventsOnceAndListsRejectedByIndex()
    {
        await StartRolloutAsync();
        var body = new IngestBody("search-ranking")
            .Event("candidate", 10, ok: true)
            .Event("candidate", -1, ok: true)
            .Event("baseline", 30, ok: true)
            .Raw("""{"variant":"shadow","latencyMs":5,"ok":true}""")
            .Event("candidate", 50, ok: false)
            .Raw("""{"variant":"candidate","latencyMs":"fast","ok":true}""")
            .Raw("""{"variant":"candidate","latencyMs":1e400,"ok":true}""")
            .Raw("""{"variant":"candidate","ok":true}""");

        var response = await Client.PostAsync("/api/ingest", body.ToContent());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(3, (int?)result["accepted"]);
        var rejected = result["rejected"]!.AsArray();
        Assert.Equal([1, 3, 5, 6, 7], rejected.Select(r => (int)r!["index"]!));
        Assert.Contains("negative", (string?)rejected[0]!["error"]);
        Assert.Contains("variant", (string?)rejected[1]!["error"]);
        Assert.Contains("finite", (string?)rejected[3]!["error"]);
        Assert.Contains("required", (string?)rejected[4]!["error"]);

        var metrics = (await Client.GetRolloutAsync(_rolloutId))["metrics"]!;
        Assert.Equal(2, (long?)metrics["candidate"]!["requests"]);
        Assert.Equal(1, (long?)metrics["candidate"]!["errors"]);
        Assert.Equal(1, (long?)metrics["baseline"]!["requests"]);
    }

    [Fact]
    public async Task Post_SameBatchTwice_CountsItTwiceNotMore()
    {
        await StartRolloutAsync();
        var body = new IngestBody("search-ranking").Healthy(250).Healthy(750, "baseline");
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("/api/ingest", body.ToContent())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("/api/ingest", body.ToContent())).StatusCode);
        var metrics = (await Client.GetRolloutAsync(_rolloutId))["metrics"]!;
        Assert.Equal(500, (long?)metrics["candidate"]!["requests"]);
        Assert.Equal(1500, (long?)metrics["baseline"]!["requests"]);
    }

    [Fact]
    public async Task Post_Percentiles_AreWithinOnePercentOfTheSamples()
    {
        await StartRolloutAsync();
        var body = new IngestBody("search-ranking");
        for (var i = 1; i <= 1000; i++) body.Event("candidate", i, ok: true);
        await Client.PostAsync("/api/ingest", body.ToContent());
        var candidate = (await Client.GetRolloutAsync(_rolloutId))["metrics"]!["candidate"]!;
        Assert.InRange((double)candidate["p50Ms"]!, 500 * 0.99, 500 * 1.01);
        Assert.InRange((double)candidate["p95Ms"]!, 950 * 0.99, 950 * 1.01);
        Assert.InRange((double)candidate["p99Ms"]!, 990 * 0.99, 990 * 1.01);
    }

    [Theory]
    [InlineData("""{"flag":"search-ranking","events":[{"variant":"candidate",""", 400, "body")]
    [InlineData("""not json""", 400, "body")]
    [InlineData("""{"events":[]}""", 400, "flag")]
    [InlineData("""{"flag":"search-ranking"}""", 400, "events")]
    [InlineData("""{"flag":"nobody-knows","events":[{"variant":"candidate","latencyMs":1,"ok":true}]}""", 422, "flag")]
    [InlineData("""{"flag":"search-ranking","events":[{"variant":"candidate","latencyMs":-5,"ok":true}]}""", 422, "events")]
    [InlineData("""{"flag":"search-ranking","events":[{"variant":"blue","latencyMs":5,"ok":true}]}""", 422, "events")]
    public async Task Post_BadBatch_ReturnsProblemNamingTheProblem(string json, int status, string field)
    {
        await StartRolloutAsync();
        var response = await Client.PostAsync("/api/ingest", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
        Assert.Equal(0, (long?)(await Client.GetRolloutAsync(_rolloutId))["metrics"]!["candidate"]!["requests"]);
    }

    [Fact]
    public async Task Post_MoreThanTenThousandEvents_Returns413AndCountsNothing()
    {
        await StartRolloutAsync();
        var response = await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(10_001).ToContent());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("10000", (string?)(await response.JsonAsync())["errors"]!["events"]![0]);
        Assert.Equal(0, (long?)(await Client.GetRolloutAsync(_rolloutId))["metrics"]!["candidate"]!["requests"]);
    }

    [Fact]
    public async Task Post_ExactlyTenThousandEvents_IsAccepted()
    {
        await StartRolloutAsync();
        var response = await Client.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(10_000).ToContent());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(10_000, (int?)(await response.JsonAsync())["accepted"]);
    }
}
