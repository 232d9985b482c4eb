using System.Net;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Access;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Writes_FasterThanTheBucket_429WithRetryAfterPerCaller()
    {
        using var app = new LensAppFactory(settings: new Dictionary<string, string?> { ["RateLimits:WritesPerSecond"] = "1", ["RateLimits:WritesBurst"] = "3" });
        using var admin = app.CreateClient();
        using var other = app.CreateClientAs("oncall");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await admin.PostJsonAsync("/api/alerts", new { severity = "WARN", title = $"noise {i}" })).StatusCode);
        var limited = await admin.PostJsonAsync("/api/alerts", new { severity = "WARN", title = "one too many" });
        var someoneElse = await other.PostJsonAsync("/api/alerts", new { severity = "WARN", title = "another caller" });
        var reads = await admin.GetAsync("/api/alerts");

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(someoneElse.IsSuccessStatusCode, $"{someoneElse.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, reads.StatusCode);
    }

    [Fact]
    public async Task Ingest_FasterThanItsBucket_429ForThatTokenOnly()
    {
        using var app = new LensAppFactory(settings: new Dictionary<string, string?> { ["RateLimits:IngestPerSecond"] = "1", ["RateLimits:IngestBurst"] = "2" });
        using var admin = app.CreateClient();
        await admin.CreateReleaseAsync();
        await admin.CreateRolloutAsync(Requests.Rollout());
        using var service = app.CreateClientAs("service");

        var first = await service.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(5).ToContent());
        var second = await service.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(5).ToContent());
        var third = await service.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(5).ToContent());
        var fromAdmin = await admin.PostAsync("/api/ingest", new IngestBody("search-ranking").Healthy(5).ToContent());

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        Assert.True(third.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.Accepted, fromAdmin.StatusCode);
    }

    [Fact]
    public async Task ImpressionIngest_PastTheWritesBucket_CountsOnlyAgainstItsOwn()
    {
        using var app = new LensAppFactory(settings: new Dictionary<string, string?> { ["RateLimits:WritesPerSecond"] = "1", ["RateLimits:WritesBurst"] = "1" });
        using var service = app.CreateClientAs("service");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await service.PostJsonAsync("/api/calibration/impressions",
                new { flag = "f", variant = "candidate", events = new[] { new { queryId = $"q{i}", score = 0.5, clicked = true } } })).StatusCode);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
    }
}
