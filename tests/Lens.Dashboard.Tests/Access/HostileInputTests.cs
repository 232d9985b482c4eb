using System.Net;
using System.Text;
using Lens.Dashboard.Persistence;
using Lens.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Dashboard.Tests.Access;

/// <summary>
/// Malformed, mistyped, oversized and duplicate-key bodies sent to every JSON endpoint the app maps: no answer is a
/// 5xx, and nothing is stored.
/// </summary>
public sealed class HostileInputTests : AppTestBase
{
    private static readonly string[] Fields =
    [
        "active", "name", "reason", "actor", "title", "detail", "severity", "key", "ids", "version", "config", "releaseVersion", "flag",
        "stages", "plan", "expectedStageIndex", "role", "approved", "metric", "value", "events", "qrels", "baseline", "candidate",
        "errorRate", "addedLatencyMs", "zeroResults", "rolloutId", "userName", "password", "roles", "signOffRoles", "release",
        "id", "accelerated", "skipBench", "skipCanary", "force", "dryRun",
    ];

    /// <summary>Values no field accepts: the wrong shapes, numbers no double or int holds, text far past any limit.</summary>
    private static readonly string[] HostileValues =
    [
        "[1]", """{"x":1}""", "1.7e308", "-1e308", "1180591620717411303424", "true", "-1",
        "\"" + new string('x', 30_000) + "\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    private static readonly string[] Malformed = ["{", "[1,2", "nul", "\"text\"", "[]", "123", """{"a":}""", """{"a":1,}""", "{'a':1}", "\uFEFF{}x"];

    private static IEnumerable<string> Bodies()
    {
        foreach (var body in Malformed) yield return body;
        foreach (var field in Fields)
            foreach (var value in HostileValues)
                yield return $"{{\"{field}\":{value}}}";
        // The same key twice, as a batch naming two flags did.
        yield return """{"reason":"a","reason":"b","active":true}""";
        yield return """{"flag":"search-ranking","flag":"other","events":[]}""";
        yield return """{"Reason":"a","reason":"b"}""";
    }

    private async Task<(string Version, string RolloutId)> ArrangeAsync()
    {
        await Client.CreateReleaseAsync();
        var rollout = await Client.CreateRolloutAsync(Requests.Rollout());
        return ("2.4.0", (string)rollout["id"]!);
    }

    private IReadOnlyList<(string Method, string Url)> JsonEndpoints(string version, string rolloutId) =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // Pages (the pipeline page lives under /deploy/ too) accept a form post of their own; they are not JSON endpoints.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Route: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => e.Method is "POST" or "PUT" or "PATCH" && (e.Route.StartsWith("/api/", StringComparison.Ordinal) || e.Route.StartsWith("/canary/", StringComparison.Ordinal)
                || e.Route.StartsWith("/deploy/", StringComparison.Ordinal)))
            .Select(e => (e.Method, e.Route.Replace("{id:guid}", rolloutId).Replace("{version}", version).Replace("{name}", "recall_at_50")))
            .Distinct()
            .ToList();

    private async Task<string> StoredStateAsync()
    {
        await using var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var counts = new[]
        {
            await db.Releases.CountAsync(), await db.Rollouts.CountAsync(), await db.AuditEntries.CountAsync(), await db.Alerts.CountAsync(),
            await db.KillSwitches.CountAsync(k => k.Active), await db.DetectorObservations.CountAsync(), await db.ApiTokens.CountAsync(),
            await db.Users.CountAsync(), await db.BenchRuns.CountAsync(), await db.MetricBuckets.CountAsync(), await db.GateVerdicts.CountAsync(), await db.DeploymentPipelines.CountAsync(),
        };
        var rollouts = string.Join(",", await db.Rollouts.Select(r => r.State.ToString() + r.StageIndex + r.Revision).ToListAsync());
        var window = App.Get<Lens.Dashboard.Features.Metrics.LiveMetrics>().For("search-ranking").StageWindow();
        return string.Join(",", counts) + "|" + rollouts + "|" + (window.Baseline.Requests + window.Candidate.Requests);
    }

    [Fact]
    public async Task EveryJsonEndpoint_HostileBodies_NeverA5xxAndNothingStored()
    {
        var (version, rolloutId) = await ArrangeAsync();
        var endpoints = JsonEndpoints(version, rolloutId);
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} JSON endpoints found");
        Assert.Contains(("POST", "/deploy/start"), endpoints);
        Assert.Contains(("POST", "/deploy/abort"), endpoints);
        var before = await StoredStateAsync();
        var failures = new List<string>();

        foreach (var (method, url) in endpoints)
        {
            foreach (var body in Bodies())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                using var response = await Client.SendAsync(request);
                if ((int)response.StatusCode >= 500 || response.IsSuccessStatusCode)
                    failures.Add($"{method} {url} {Shorten(body)}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.Equal(before, await StoredStateAsync());
    }

    [Fact]
    public async Task EveryJsonEndpoint_TextPlainOrForm_Is415()
    {
        var (version, rolloutId) = await ArrangeAsync();
        var before = await StoredStateAsync();
        var failures = new List<string>();

        foreach (var (method, url) in JsonEndpoints(version, rolloutId).Where(e => !e.Url.EndsWith("/run", StringComparison.Ordinal)))
        {
            foreach (var content in new HttpContent[]
            {
                new StringContent("""{"active":true,"reason":"csrf","name":"manual_emergency"}""", Encoding.UTF8, "text/plain"),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["active"] = "true", ["reason"] = "csrf" }),
            })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
                using var response = await Client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.UnsupportedMediaType) failures.Add($"{method} {url} {content.Headers.ContentType}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await StoredStateAsync());
    }

    [Theory]
    [InlineData("/api/killswitch")]
    [InlineData("/api/releases")]
    [InlineData("/api/alerts")]
    public async Task Post_100MegabyteBody_Is413WithoutReadingIt(string url)
    {
        var before = await StoredStateAsync();
        using var content = new StreamContent(new ZeroStream(100L * 1024 * 1024));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength = 100L * 1024 * 1024;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["body"]);
        Assert.Equal(before, await StoredStateAsync());
    }

    [Theory]
    [InlineData("1.7e308")]
    [InlineData("-1e308")]
    [InlineData("1180591620717411303424")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public async Task Observation_FractionOutsideItsRange_400AndDetectorsStillServe(string value)
    {
        var response = await Client.PostAsync("/api/detectors/observations",
            new StringContent($$"""{"metric":"bench.recall_at_50","value":{{value}}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between 0 and 1", (string)(await response.JsonAsync())["errors"]!["value"]![0]!);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/detectors")).StatusCode);
    }

    [Fact]
    public async Task Detectors_ValueStoredBeforeInputsWereBounded_StillServedNot500()
    {
        await using (var db = await App.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("UPDATE Detectors SET CPlus = 1e999, LastValue = -1e999 WHERE Name = 'recall_at_50'");

        var response = await Client.GetAsync("/api/detectors");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Infinity\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ingest_ArrayForAScalarAndAnHourLongLatency_RejectsThoseEventsByIndexAndCountsTheRest()
    {
        await ArrangeAsync();
        var body = """{"flag":"search-ranking","events":[{"variant":[1],"latencyMs":5,"ok":true},{"variant":"candidate","latencyMs":1.7e308,"ok":true},{"variant":"candidate","latencyMs":3600001,"ok":true},{"variant":"candidate","latencyMs":12,"ok":true}]}""";

        var response = await Client.PostAsync("/api/ingest", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(1, (int)result["accepted"]!);
        var rejected = result["rejected"]!.AsArray();
        Assert.Equal([0, 1, 2], rejected.Select(r => (int)r!["index"]!));
        Assert.Contains("variant", (string?)rejected[0]!["error"]);
        Assert.Contains("latencyMs", (string?)rejected[2]!["error"]);
    }

    [Theory]
    [InlineData("/api/killswitch")]
    [InlineData("/api/ingest")]
    [InlineData("/api/calibration/impressions")]
    public async Task Post_InvalidUtf8_Is400(string url)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"flag\":\"de").Concat(new byte[] { 0xff }).Concat(System.Text.Encoding.UTF8.GetBytes("mo\",\"events\":[]}")).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var response = await Client.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", (string?)(await response.JsonAsync())["detail"]);
    }

    [Fact]
    public async Task List_UnknownState_Is400()
    {
        var response = await Client.GetAsync("/api/rollouts?state=Bogus");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Running", (string)(await response.JsonAsync())["errors"]!["state"]![0]!);
    }

    [Theory]
    [InlineData("2.4/evil")]
    [InlineData("../2.4")]
    [InlineData("2.4 0")]
    public async Task CreateRelease_VersionThatCannotBeAddressed_Is400(string version)
    {
        var response = await Client.PostJsonAsync("/api/releases", new { version, config = new { ranker = "bm25" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["version"]);
    }

    [Fact]
    public async Task BadRequest_WrongKindOfValue_NamesNoDotNetType()
    {
        var response = await Client.PostAsync("/api/killswitch", new StringContent("""{"active":"yes","reason":"r"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("true or false", text);
        Assert.DoesNotContain("System.", text);
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    /// <summary>A body of zeros made as it is read, so a 100 MB request costs nothing unless the server reads it.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
