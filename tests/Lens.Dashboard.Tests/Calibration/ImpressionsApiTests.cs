using System.Net;
using Lens.Core.Calibration;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Tests.Calibration;

public sealed class ImpressionsApiTests : AppTestBase
{
    private static object Event(string queryId, double score, bool clicked, int position = 1) => new { queryId, score, clicked, position };

    private Task<HttpResponseMessage> PostAsync(HttpClient client, string variant, params object[] events) =>
        client.PostJsonAsync("/api/calibration/impressions", new { flag = "search-ranking", variant, events });

    [Fact]
    public async Task Post_MixedBatch_CountsTheValidOnesOnceAndNamesEachBadOneByIndex()
    {
        using var service = App.CreateClientAs("service");

        var response = await PostAsync(service, "candidate",
            Event("q1", 0.9, true), new { queryId = "q1", score = 1.5, clicked = true }, Event("q2", 0.4, false),
            new { queryId = "q3", score = 0.2 }, new { queryId = "", score = 0.2, clicked = false }, Event("q2", 0.4, true, 2));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(3, (int)body["accepted"]!);
        Assert.Equal([1, 3, 4], body["rejected"]!.AsArray().Select(r => (int)r!["index"]!));
        Assert.Contains("score", (string?)body["rejected"]![0]!["error"]);
        Assert.Contains("clicked", (string?)body["rejected"]![1]!["error"]);
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var rows = await db.ImpressionAggregates.OrderBy(a => a.Score).ToListAsync();
        Assert.Equal([(0.4, 2L, 1L), (0.9, 1L, 1L)], rows.Select(r => (r.Score, r.Impressions, r.Clicks)));
        Assert.Equal(2, await db.ImpressionQueries.CountAsync());
    }

    [Fact]
    public async Task Today_AfterBatches_IsTheFitOfEveryImpressionSoFar()
    {
        using var service = App.CreateClientAs("service");
        var random = new Random(3);
        var scores = new List<double>();
        var clicks = new List<bool>();
        var queries = new List<int>();
        for (var batch = 0; batch < 3; batch++)
        {
            var events = new List<object>();
            for (var i = 0; i < 200; i++)
            {
                var q = batch * 40 + i / 5;
                var score = Math.Round(random.NextDouble(), 2);
                var clicked = random.NextDouble() < score * score;
                events.Add(Event($"q{q}", score, clicked));
                scores.Add(score);
                clicks.Add(clicked);
                queries.Add(q);
            }
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(service, "candidate", [.. events])).StatusCode);
        }

        var today = (await (await Client.GetAsync("/api/calibration")).JsonAsync()).AsArray();
        var candidate = Assert.Single(today)!;
        var expected = CalibrationFit.Compute([.. queries], [.. scores], [.. clicks]);

        Assert.Equal((600L, 120L), ((long)candidate["impressions"]!, (long)candidate["queries"]!));
        Assert.Equal(expected.Curve.Select(b => b.FractionPositive), candidate["raw"]!.AsArray().Select(b => (double)b!["fractionPositive"]!));
        Assert.Equal(expected.BrierRaw, (double)candidate["brierRaw"]!, 12);
        Assert.Equal(expected.EceCalibrated, (double)candidate["eceCalibrated"]!, 12);
        Assert.Equal(expected.Tau.Value, (double)candidate["tau"]!, 12);
        Assert.Equal(expected.Isotonic.Y, candidate["mapY"]!.AsArray().Select(v => (double)v!));
    }

    [Fact]
    public async Task Post_RetriedWithTheSameIdempotencyKey_CountsTheBatchOnceAndReplaysTheAnswer()
    {
        using var service = App.CreateClientAs("service");
        Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/calibration/impressions")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { flag = "search-ranking", variant = "candidate", events = new[] { Event("q1", 0.7, true), Event("q1", 0.3, false, 2) } }),
            };
            request.Headers.Add("Idempotency-Key", "batch-0042");
            return service.SendAsync(request);
        }

        var first = await SendAsync();
        var retry = await SendAsync();

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, retry.StatusCode));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        Assert.Equal(2L, await db.ImpressionAggregates.SumAsync(a => a.Impressions));
    }

    [Fact]
    public async Task Post_AsAViewer_Is403AndStoresNothing()
    {
        using var viewer = App.CreateClientAs("viewer");

        var response = await PostAsync(viewer, "candidate", Event("q1", 0.5, true));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.ImpressionAggregates.CountAsync());
    }

    [Theory]
    [InlineData("""{"flag":"f","variant":"other","events":[]}""", "variant")]
    [InlineData("""{"variant":"candidate","events":[]}""", "flag")]
    [InlineData("""{"flag":"f","variant":"candidate"}""", "events")]
    public async Task Post_BadBatch_400NamesTheField(string json, string field)
    {
        var response = await Client.PostAsync("/api/calibration/impressions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }
}
