using System.Net;
using System.Text.Json.Nodes;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Quality;

public sealed class BenchFilesApiTests : AppTestBase
{
    // Graded judgments; the candidate puts the grade-2 document first where the baseline ranked an unjudged one first.
    private const string Qrels = "q1 0 a.cs 2\nq1 0 b.cs 1\nq1 0 e.cs 1\nq1 0 z.cs 0\nq2 0 d.cs 1\n";
    private const string Baseline = "q1 Q0 c.cs 1 3.0 base\nq1 Q0 b.cs 2 2.0 base\nq1 Q0 a.cs 3 1.5 base\nq1 Q0 e.cs 4 1.0 base\nq2 Q0 x.cs 1 2.0 base\nq2 Q0 d.cs 2 1.0 base\n";
    private const string Candidate = "q1 Q0 a.cs 1 3.0 cand\nq1 Q0 b.cs 2 2.0 cand\nq1 Q0 e.cs 3 1.0 cand\nq1 Q0 c.cs 4 0.5 cand\nq2 Q0 d.cs 1 2.0 cand\nq2 Q0 x.cs 2 1.0 cand\n";

    private async Task<JsonNode> BenchAsync(string qrels = Qrels, string baseline = Baseline, string candidate = Candidate, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await Client.PostJsonAsync("/api/releases/2.4.0/bench", new { qrels, baseline, candidate, actor = "ci" });
        Assert.Equal(expected, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task RunFiles_GradedRuns_ResultsFileHasTrecEvalMeansAndDelta()
    {
        await Client.CreateReleaseAsync();

        var run = await BenchAsync();
        var results = await (await Client.GetAsync((string)run["files"]!["final_bench_results.json"]!)).JsonAsync();

        // trec_eval 10.0's ndcg_cut_10 (gain = rel; rank r divided by log2(r + 1)); trec_eval 10.0 on these files agrees:
        // baseline q1: DCG = 0 + 1/log2 3 + 2/log2 4 + 1/log2 5 = 2.06160, ideal 2 + 1/log2 3 + 1/log2 4 = 3.13093, nDCG 0.65846;
        // q2: d at rank 2, 1/log2 3 = 0.63093. Candidate: 1 and 1. Means 0.64470 and 1, difference 0.35530. Every relevant document is retrieved: recall_50 is 1 for both.
        var ndcg = results["measures"]!.AsArray().Single(m => (string?)m!["measure"] == "ndcg_cut_10")!;
        Assert.Equal(0.64470, (double)ndcg["baseline"]!, 5);
        Assert.Equal(1.0, (double)ndcg["candidate"]!, 5);
        Assert.Equal(0.35530, (double)ndcg["delta"]!, 5);
        Assert.Equal("trec_eval 10.0", (string?)run["measuresFollow"]);
        var recall = results["measures"]!.AsArray().Single(m => (string?)m!["measure"] == "recall_50")!;
        Assert.Equal(0.0, (double)recall["delta"]!, 12);
        Assert.Equal("incomplete", (string?)results["verdict"]);
        Assert.Equal("incomplete", (string?)run["verdict"]);
        Assert.Equal("pass", (string?)results["gates"]!.AsArray().Single(g => (string?)g!["gate"] == "ndcg_cut_10 delta")!["verdict"]);
        Assert.Equal(2, (int)results["perQuery"]!.AsArray().Count);
    }

    [Fact]
    public async Task RunFiles_Completed_SummaryAndCsvAreDownloadable()
    {
        await Client.CreateReleaseAsync();
        var run = await BenchAsync();

        var md = await Client.GetAsync((string)run["files"]!["sign_off_summary.md"]!);
        var csv = await Client.GetAsync((string)run["files"]!["metrics.csv"]!);

        Assert.Equal("sign_off_summary.md", md.Content.Headers.ContentDisposition?.FileName);
        var summary = await md.Content.ReadAsStringAsync();
        Assert.StartsWith("# Bench sign-off summary: 2.4.0\n\n**Verdict: INCOMPLETE.**", summary);
        Assert.Contains("| ΔnDCG@10 | pass | ≥ 0 | candidate nDCG@10 − baseline nDCG@10 = 0.3553 |", summary);
        Assert.Contains("| p95 latency | incomplete |", summary);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("scope,measure,baseline,candidate,delta,ci_lower,ci_upper", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("q1,ndcg_cut_10,0.65846456928", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("all,ndcg_cut_10,", StringComparison.Ordinal));
        Assert.Equal(1 + 2 * 5 + 5, lines.Length);
    }

    [Fact]
    public async Task RunFiles_Completed_FilesAreAlsoWrittenToTheResultsFolder()
    {
        await Client.CreateReleaseAsync();
        var run = await BenchAsync();

        var folder = Path.Combine(App.Folder, "bench", "2.4.0", Guid.Parse((string)run["id"]!).ToString("N"));

        foreach (var file in new[] { "final_bench_results.json", "sign_off_summary.md", "metrics.csv" })
            Assert.Equal(await Client.GetStringAsync((string)run["files"]![file]!), await File.ReadAllTextAsync(Path.Combine(folder, file)));
    }

    [Fact]
    public async Task RunFiles_MalformedCandidateLine_400NamesFileAndLine()
    {
        await Client.CreateReleaseAsync();

        var problem = await BenchAsync(candidate: "q1 Q0 a.cs 1 3.0 cand\nq1 Q0 b.cs 2\n", expected: HttpStatusCode.BadRequest);

        var message = (string)problem["errors"]!["candidate"]![0]!;
        Assert.StartsWith("candidate:2:", message);
        Assert.Contains("6 fields", message);
    }

    [Fact]
    public async Task RunFiles_UnknownRelease_404()
    {
        var problem = await BenchAsync(expected: HttpStatusCode.NotFound);
        Assert.NotNull(problem["errors"]!["version"]);
    }

    [Fact]
    public async Task Download_UnknownFile_404NamesTheFiles()
    {
        await Client.CreateReleaseAsync();
        var run = await BenchAsync();

        var response = await Client.GetAsync($"/api/bench/{run["id"]}/secrets.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("final_bench_results.json", (string)(await response.JsonAsync())["errors"]!["file"]![0]!);
    }

    [Fact]
    public async Task StartLive_NoEndpointsConfigured_409NamesTheSetting()
    {
        await Client.CreateReleaseAsync();

        var response = await Client.PostAsync("/api/releases/2.4.0/bench/live", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["Bench:CandidateEndpoint"]);
    }
}
