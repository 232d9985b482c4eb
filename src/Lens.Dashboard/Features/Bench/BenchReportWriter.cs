using System.Globalization;
using System.Text;
using System.Text.Json;
using Lens.Core.Bench;
using Lens.Core.Gates;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Writes a bench's three result files: final_bench_results.json, sign_off_summary.md and metrics.csv.</summary>
public static class BenchReportWriter
{
    public const string JsonFile = "final_bench_results.json";
    public const string MarkdownFile = "sign_off_summary.md";
    public const string CsvFile = "metrics.csv";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Json(BenchOutcome o) => JsonSerializer.Serialize(new
    {
        release = o.Release,
        fingerprint = o.Fingerprint,
        source = o.Source,
        slice = o.Slice,
        night = o.Night?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        finishedAt = o.FinishedAt,
        verdict = VerdictWord(o.Verdict),
        comparedAgainst = o.ComparedAgainst,
        queries = new { baseline = o.Baseline.PerQuery.Count, candidate = o.Candidate.PerQuery.Count, paired = o.Measures.FirstOrDefault()?.PairedQueries ?? 0 },
        bootstrap = new { iterations = o.BootstrapIterations, confidence = o.Confidence },
        measures = o.Measures.Select(m => new
        {
            measure = m.Measure, baseline = m.Baseline, candidate = m.Candidate, delta = m.Delta,
            ciLower = m.Interval.Lower, ciUpper = m.Interval.Upper,
        }),
        latency = o.CandidateLatency is null ? null : new { baseline = o.BaselineLatency, candidate = o.CandidateLatency },
        gates = o.Gates.Select(g => new { gate = g.Gate, verdict = VerdictWord(g.Verdict), value = g.Value, threshold = g.Threshold, rule = g.Rule, evidence = g.Evidence }),
        perQuery = PerQuery(o).Select(q => new
        {
            qid = q.Qid,
            values = o.Candidate.Measures.Select((m, i) => new { measure = m.Name, baseline = q.Baseline?[i], candidate = q.Candidate?[i] }),
        }),
    }, Indented) + "\n";

    public static string Markdown(BenchOutcome o)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Bench sign-off summary: {o.Release}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**Verdict: {VerdictWord(o.Verdict).ToUpperInvariant()}.** {Plainly(o)}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- Release: {o.Release} (`{o.Fingerprint}`)\n");
        md.Append(CultureInfo.InvariantCulture, $"- Bench: {(o.Source == BenchRun.LiveSource ? "live, against the baseline and candidate endpoints" : "run files")}{(o.Slice is null ? "" : $", slice {o.Slice}")}{(o.Night is { } n ? $", night of {n:yyyy-MM-dd}" : "")}\n");
        md.Append(CultureInfo.InvariantCulture, $"- Compared against: {o.ComparedAgainst}\n");
        md.Append(CultureInfo.InvariantCulture, $"- Finished: {o.FinishedAt:yyyy-MM-dd HH:mm} UTC; {o.Measures.FirstOrDefault()?.PairedQueries ?? 0} queries\n\n");
        md.Append("## Gates\n\n| Gate | Verdict | Rule | Evidence |\n|---|---|---|---|\n");
        foreach (var g in o.Gates) md.Append(CultureInfo.InvariantCulture, $"| {ReleaseGates.DisplayName(g.Gate)} | {VerdictWord(g.Verdict)} | {g.Rule} | {g.Evidence} |\n");
        md.Append(CultureInfo.InvariantCulture, $"\n## Quality (mean over queries, {o.Confidence * 100:0.#}% paired bootstrap interval, {o.BootstrapIterations} resamples)\n\n");
        md.Append("| Measure | Baseline | Candidate | Difference | Interval |\n|---|---:|---:|---:|---|\n");
        foreach (var m in o.Measures)
            md.Append(CultureInfo.InvariantCulture, $"| {TrecMeasure.DisplayNameOf(m.Measure)} | {F(m.Baseline)} | {F(m.Candidate)} | {Signed(m.Delta)} | [{Signed(m.Interval.Lower)}, {Signed(m.Interval.Upper)}] |\n");
        if (o.CandidateLatency is { } c && o.BaselineLatency is { } b)
        {
            md.Append("\n## Latency and spans\n\n| | Baseline | Candidate |\n|---|---:|---:|\n");
            md.Append(CultureInfo.InvariantCulture, $"| p50 (ms) | {Ms(b.P50Ms)} | {Ms(c.P50Ms)} |\n| p95 (ms) | {Ms(b.P95Ms)} | {Ms(c.P95Ms)} |\n| p99 (ms) | {Ms(b.P99Ms)} | {Ms(c.P99Ms)} |\n");
            md.Append(CultureInfo.InvariantCulture, $"| p99/p95 | {Ratio(b.TailRatio)} | {Ratio(c.TailRatio)} |\n| span coverage | {Pct(b.SpanCoverage)} | {Pct(c.SpanCoverage)} |\n| failed requests | {b.Errors} of {b.Requests} | {c.Errors} of {c.Requests} |\n");
        }
        return md.ToString();
    }

    /// <summary>One row per query and measure, then the means ("all") with their intervals, then latency figures.</summary>
    public static string Csv(BenchOutcome o)
    {
        var csv = new StringBuilder("scope,measure,baseline,candidate,delta,ci_lower,ci_upper\n");
        foreach (var q in PerQuery(o))
            for (var i = 0; i < o.Candidate.Measures.Count; i++)
            {
                var b = q.Baseline?[i] ?? 0;
                var c = q.Candidate?[i] ?? 0;
                csv.Append(CultureInfo.InvariantCulture, $"{Quote(q.Qid)},{o.Candidate.Measures[i].Name},{R(b)},{R(c)},{R(c - b)},,\n");
            }
        foreach (var m in o.Measures)
            csv.Append(CultureInfo.InvariantCulture, $"all,{m.Measure},{R(m.Baseline)},{R(m.Candidate)},{R(m.Delta)},{R(m.Interval.Lower)},{R(m.Interval.Upper)}\n");
        if (o.CandidateLatency is { } c2 && o.BaselineLatency is { } b2)
        {
            csv.Append(CultureInfo.InvariantCulture, $"all,p50_ms,{R(b2.P50Ms)},{R(c2.P50Ms)},,,\nall,p95_ms,{R(b2.P95Ms)},{R(c2.P95Ms)},,,\nall,p99_ms,{R(b2.P99Ms)},{R(c2.P99Ms)},,,\n");
            csv.Append(CultureInfo.InvariantCulture, $"all,p99_over_p95,{R(b2.TailRatio)},{R(c2.TailRatio)},,,\nall,span_coverage,{R(b2.SpanCoverage)},{R(c2.SpanCoverage)},,,\n");
        }
        return csv.ToString();
    }

    public static string VerdictWord(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        _ => "incomplete",
    };

    private static string Plainly(BenchOutcome o) => o.Verdict switch
    {
        Verdict.Pass => "The candidate is at least as good as the baseline on every gate.",
        Verdict.Fail => "The candidate fell short on: " + string.Join(", ", o.Gates.Where(g => g.Verdict == Verdict.Fail).Select(g => g.Gate)) + ".",
        _ => "Some gates could not be judged: " + string.Join(", ", o.Gates.Where(g => g.Verdict == Verdict.InsufficientData).Select(g => g.Gate)) + " (see below).",
    };

    private static IEnumerable<(string Qid, double[]? Baseline, double[]? Candidate)> PerQuery(BenchOutcome o)
    {
        var b = o.Baseline.PerQuery.ToDictionary(q => q.Qid, q => q.Values, StringComparer.Ordinal);
        var c = o.Candidate.PerQuery.ToDictionary(q => q.Qid, q => q.Values, StringComparer.Ordinal);
        return b.Keys.Union(c.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(qid => (qid, b.GetValueOrDefault(qid), c.GetValueOrDefault(qid)));
    }

    private static string Quote(string value) => value.IndexOfAny([',', '"', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
    private static string F(double v) => TrecOutput.FourDecimals(v);
    private static string Signed(double v) => (v > 0 ? "+" : "") + TrecOutput.FourDecimals(v);
    private static string Ms(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
    private static string Ratio(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
    private static string Pct(double? v) => v is { } x ? x.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";
}
