using System.Net;
using System.Text.Json.Nodes;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Quality;

public sealed class LiveBenchTests : IAsyncLifetime
{
    private readonly FakeSearchService _search = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("lens-bench-").FullName;
    private LensAppFactory _app = default!;
    private HttpClient _client = default!;

    public async ValueTask InitializeAsync()
    {
        await _search.StartAsync();
        // A loopback answer takes well under a millisecond, where scheduling noise alone exceeds the 10% the p95 gate
        // allows. A steady floor on both sides, as a real service has, makes the comparison about the variants.
        _search.BaseDelay = TimeSpan.FromMilliseconds(100);
        // The candidate ranks the definition first; the baseline ranks a mere mention first.
        _search.Baseline["Parser"] = ["src/Uses.cs", "src/Other.cs", "src/Parser.cs"];
        _search.Baseline["Lexer"] = ["src/Lexer.cs", "src/Token.cs"];
        _search.Candidate["Parser"] = ["src/Parser.cs", "src/Uses.cs", "src/Other.cs"];
        _search.Candidate["Lexer"] = ["src/Lexer.cs", "src/Token.cs"];
        var (queries, qrels) = new BenchDataBuilder()
            .Query("q1", "Parser", ("src/Parser.cs", 2), ("src/Uses.cs", 1), ("src/Missing.cs", 1))
            .Query("q2", "Lexer", ("src/Lexer.cs", 2))
            .WriteTo(_folder, "final");
        var settings = _search.Settings();
        settings["Bench:Dataset:Queries"] = queries;
        settings["Bench:Dataset:Qrels"] = qrels;
        _app = new LensAppFactory(settings: settings);
        _client = _app.CreateClient();
        await _client.CreateReleaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _app.Dispose();
        await _search.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<JsonNode> RunLiveAsync()
    {
        var started = await _client.PostAsync("/api/releases/2.4.0/bench/live", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (string)(await started.JsonAsync())["id"]!;
        // The bench worker runs it in the background; the API shows it running until it completes.
        return await HttpTestExtensions.EventuallyAsync(
            async () => await (await _client.GetAsync($"/api/bench/{id}")).JsonAsync(),
            run => (string?)run["status"] != "running", TimeSpan.FromSeconds(20), "the live bench to finish");
    }

    private async Task<JsonNode> ResultsAsync(JsonNode run) =>
        await (await _client.GetAsync((string)run["files"]!["final_bench_results.json"]!)).JsonAsync();

    private static JsonNode Gate(JsonNode results, string gate) => results["gates"]!.AsArray().Single(g => (string?)g!["gate"] == gate)!;

    [Fact]
    public async Task StartLive_BetterCandidate_AllGatesPassWithLatencyAndSpans()
    {
        var run = await RunLiveAsync();
        var results = await ResultsAsync(run);

        Assert.Equal("completed", (string?)run["status"]);
        Assert.Equal("pass", (string?)results["verdict"]);
        Assert.True((double)run["ndcgDelta"]! > 0);
        Assert.Equal(1.0, (double)results["latency"]!["candidate"]!["spanCoverage"]!);
        Assert.Equal(2, (int)results["latency"]!["candidate"]!["requests"]!);
        Assert.True((double)results["latency"]!["candidate"]!["p95Ms"]! > 0);
        Assert.All(results["gates"]!.AsArray(), g => Assert.Equal("pass", (string?)g!["verdict"]));
    }

    [Fact]
    public async Task StartLive_CandidateLosesLineSpans_SpanCoverageGateFails()
    {
        _search.CandidateDropsLines = true;

        var results = await ResultsAsync(await RunLiveAsync());

        Assert.Equal("fail", (string?)results["verdict"]);
        Assert.Equal("fail", (string?)Gate(results, "span coverage")["verdict"]);
        Assert.Equal(0.0, (double)Gate(results, "span coverage")["value"]!);
    }

    [Fact]
    public async Task StartLive_CandidateMuchSlower_P95GateFailsWithBothLatencies()
    {
        _search.CandidateDelay = TimeSpan.FromMilliseconds(300);

        var results = await ResultsAsync(await RunLiveAsync());

        var gate = Gate(results, "p95 latency");
        Assert.Equal("fail", (string?)gate["verdict"]);
        Assert.True((double)results["latency"]!["candidate"]!["p95Ms"]! >= 300);
        Assert.Contains("candidate p95", (string?)gate["evidence"]);
    }

    [Fact]
    public async Task StartLive_CandidateDown_EveryQueryEmptyAndQualityGatesFail()
    {
        _search.CandidateFails = true;

        var run = await RunLiveAsync();
        var results = await ResultsAsync(run);

        Assert.Equal("fail", (string?)run["verdict"]);
        Assert.Equal(2, (int)results["latency"]!["candidate"]!["errors"]!);
        Assert.Equal("fail", (string?)Gate(results, "ndcg_cut_10 delta")["verdict"]);
        Assert.Equal("HTTP 503", ((string?)results["latency"]!["candidate"]!["errorSamples"]![0])!.Split(": ")[1]);
    }
}
