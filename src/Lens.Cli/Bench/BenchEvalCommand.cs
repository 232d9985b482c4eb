using System.CommandLine;
using System.Text.Json;
using Lens.Core.Bench;
using Lens.Core.Statistics;

namespace Lens.Cli.Bench;

/// <summary><c>lens bench eval</c>: scores a run (and optionally a baseline run) against qrels, as trec_eval would.</summary>
public static class BenchEvalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var qrels = new Option<FileInfo>("--qrels") { Description = "relevance judgments: qid iter docno rel", Required = true };
        var run = new Option<FileInfo>("--run") { Description = "the candidate's run: qid Q0 docno rank score tag", Required = true };
        var baseline = new Option<FileInfo?>("--baseline") { Description = "the baseline's run, to report differences (with --format json, each with a 95% paired bootstrap interval)" };
        var measures = new Option<string?>("--measures") { Description = "comma separated, default map,recip_rank,P_1,recall_50,ndcg_cut_10" };
        var perQuery = new Option<bool>("--per-query") { Description = "also print each query's values" };
        var format = new Option<string>("--format") { Description = "trec (trec_eval's layout) or json", DefaultValueFactory = _ => "trec" };
        format.AcceptOnlyFromAmong("trec", "json");

        var command = new Command("eval", "Evaluate a TREC run against qrels with trec_eval's definitions.")
        {
            qrels, run, baseline, measures, perQuery, format,
        };
        command.SetAction(parse =>
        {
            try
            {
                var chosen = ParseMeasures(parse.GetValue(measures));
                SuspendCollections(parse.GetValue(qrels)!, parse.GetValue(run)!, parse.GetValue(baseline));
                // The files are independent, so they are read side by side: reading is most of the time.
                var baselineFile = parse.GetValue(baseline);
                var judgmentsRead = Task.Run(() => Read(parse.GetValue(qrels)!, TrecFiles.ReadQrels));
                var candidateRead = Task.Run(() => Read(parse.GetValue(run)!, TrecFiles.ReadRun));
                var baselineRead = baselineFile is null ? null : Task.Run(() => Read(baselineFile, TrecFiles.ReadRun));
                var judgments = Await(judgmentsRead);
                var candidate = TrecEvaluator.Evaluate(judgments, Await(candidateRead), chosen);
                var reference = baselineRead is null ? null : TrecEvaluator.Evaluate(judgments, Await(baselineRead), chosen);
                if (candidate.PerQuery.Count == 0) throw new CliException("no query has both judgments and results.");

                if (parse.GetValue(format) == "json") stdout.Write(Json(candidate, reference, parse.GetValue(perQuery)));
                else
                {
                    stdout.Write(TrecOutput.Format(candidate, parse.GetValue(perQuery)));
                    if (reference is not null)
                        for (var m = 0; m < candidate.Measures.Count; m++)
                            stdout.Write($"{("delta_" + candidate.Measures[m].Name).PadRight(22)}\tall\t{TrecOutput.FourDecimals(candidate.Means[m] - reference.Means[m])}\n");
                }
                return 0;
            }
            catch (Exception ex) when (ex is CliException or TrecFormatException or ArgumentException)
            {
                stderr.WriteLine($"lens bench eval: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>
    /// Reading a run allocates millions of small strings that all live until the tool exits, so collecting them on
    /// the way is pure cost (on 10k queries x 100 results, a dozen collections took half the run time). The budget
    /// follows the input's size; past it, collections resume as usual.
    /// </summary>
    private static void SuspendCollections(params FileInfo?[] inputs)
    {
        var bytes = inputs.Where(f => f is { Exists: true }).Sum(f => f!.Length);
        var budget = Math.Clamp(bytes * 7, 16L << 20, 240L << 20);
        try { GC.TryStartNoGCRegion(budget); }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException) { }
    }

    /// <summary>Waits for a read, rethrowing its own exception (not an AggregateException) so errors print as before.</summary>
    private static T Await<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static IReadOnlyList<TrecMeasure> ParseMeasures(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? TrecMeasure.Defaults
            : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TrecMeasure.Parse).ToArray();

    private static T Read<T>(FileInfo file, Func<byte[], string, T> read)
    {
        if (!file.Exists) throw new CliException($"{file.FullName}: no such file.");
        return read(File.ReadAllBytes(file.FullName), file.FullName);
    }

    private static string Json(TrecEvaluation candidate, TrecEvaluation? baseline, bool perQuery)
    {
        // With a baseline, each difference carries its paired bootstrap interval over queries, as the dashboard's benches do.
        var intervals = baseline is null ? null : BenchComparer.Compare(baseline, candidate, new PairedBootstrap());
        var measures = candidate.Measures.Select((m, i) => new
        {
            measure = m.Name,
            candidate = candidate.Means[i],
            baseline = baseline?.Means[i],
            delta = baseline is null ? (double?)null : candidate.Means[i] - baseline.Means[i],
            ciLower = intervals?[i].Interval.Lower,
            ciUpper = intervals?[i].Interval.Upper,
        });
        var queries = perQuery
            ? candidate.PerQuery.Select(q => new { qid = q.Qid, values = candidate.Measures.Select((m, i) => new { measure = m.Name, value = q.Values[i] }) })
            : null;
        return JsonSerializer.Serialize(new { queries = candidate.PerQuery.Count, measures, perQuery = queries },
            new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }) + "\n";
    }
}
