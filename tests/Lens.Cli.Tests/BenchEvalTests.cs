using System.Text.Json.Nodes;
using Lens.Cli;

namespace Lens.Cli.Tests;

public sealed class BenchEvalTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-bench-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    // Two queries. q1: relevant d1 (rel 1) at rank 2 behind non-relevant d2. q2: relevant e1 (rel 2) at rank 1.
    // Candidate: map = (1/2 + 1)/2 = 0.75, P_1 = (0 + 1)/2 = 0.5.
    // Baseline ranks d1 first for q1 and misses e1 for q2: map = (1 + 0)/2 = 0.5, P_1 = 0.5.
    private string Qrels() => File("qrels.txt", "q1 0 d1 1\nq1 0 d2 0\nq2 0 e1 2\n");
    private string Candidate() => File("cand.txt", "q1 Q0 d2 1 2.0 c\nq1 Q0 d1 2 1.0 c\nq2 Q0 e1 1 9.0 c\n");
    private string Baseline() => File("base.txt", "q1 Q0 d1 1 2.0 b\nq1 Q0 d2 2 1.0 b\nq2 Q0 e9 1 9.0 b\n");

    [Fact]
    public void Eval_TrecFormat_PrintsTrecEvalLines()
    {
        var (exit, output, error) = Run("bench", "eval", "--qrels", Qrels(), "--run", Candidate(), "--measures", "P_1,map", "--per-query");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(
            "map                   \tq1\t0.5000\n" +
            "P_1                   \tq1\t0.0000\n" +
            "map                   \tq2\t1.0000\n" +
            "P_1                   \tq2\t1.0000\n" +
            "map                   \tall\t0.7500\n" +
            "P_1                   \tall\t0.5000\n", output);
    }

    [Fact]
    public void Eval_WithBaseline_ReportsDeltas()
    {
        var (exit, output, _) = Run("bench", "eval", "--qrels", Qrels(), "--run", Candidate(), "--baseline", Baseline(), "--measures", "map,P_1");
        Assert.Equal(0, exit);
        Assert.Contains("delta_map             \tall\t0.2500\n", output);
        Assert.Contains("delta_P_1             \tall\t0.0000\n", output);
    }

    [Fact]
    public void Eval_Json_CarriesCandidateBaselineAndDelta()
    {
        var (exit, output, _) = Run("bench", "eval", "--qrels", Qrels(), "--run", Candidate(), "--baseline", Baseline(), "--format", "json", "--measures", "map");
        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(2, (int)json["queries"]!);
        var map = json["measures"]![0]!;
        Assert.Equal(0.75, (double)map["candidate"]!, 10);
        Assert.Equal(0.5, (double)map["baseline"]!, 10);
        Assert.Equal(0.25, (double)map["delta"]!, 10);
        // Per-query differences -0.5 (q1) and +1 (q2): resample means -0.5, 0.25 and 1, so the 95% interval spans both ends.
        Assert.Equal(-0.5, (double)map["ciLower"]!, 10);
        Assert.Equal(1.0, (double)map["ciUpper"]!, 10);
    }

    [Fact]
    public void Eval_MalformedRunLine_NamesFileAndLineAndExits2()
    {
        var run = File("bad.txt", "q1 Q0 d1 1 2.0 c\nq1 Q0 d2 x 1.0 c\n");
        var (exit, output, error) = Run("bench", "eval", "--qrels", Qrels(), "--run", run);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"{run}:2: rank 'x' is not a whole number.", error);
    }

    [Fact]
    public void Eval_UnknownMeasure_Exits2()
    {
        var (exit, _, error) = Run("bench", "eval", "--qrels", Qrels(), "--run", Candidate(), "--measures", "bpref");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown measure 'bpref'", error);
    }
}
