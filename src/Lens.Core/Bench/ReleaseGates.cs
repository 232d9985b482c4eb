using System.Globalization;
using Lens.Core.Gates;

namespace Lens.Core.Bench;

/// <summary>The release gates as a pure function: a bench's figures and a policy in, one verdict per gate out.</summary>
public static class ReleaseGates
{
    public const string Ndcg = "ndcg_cut_10 delta";
    public const string Recall = "recall_50 delta";
    public const string P95 = "p95 latency";
    public const string TailRatio = "p99/p95";
    public const string Spans = "span coverage";

    /// <summary>The gate's name as reports print it: ΔnDCG@10 rather than the stored "ndcg_cut_10 delta".</summary>
    public static string DisplayName(string gate) => gate switch
    {
        Ndcg => "ΔnDCG@10",
        Recall => "ΔRecall@50",
        P95 => "p95 latency",
        TailRatio => "p99 / p95",
        _ => gate,
    };

    public static IReadOnlyList<BenchGateResult> Evaluate(BenchFigures figures, ReleaseGatePolicy policy) =>
    [
        AtLeast(Ndcg, figures.NdcgDelta, policy.MinNdcgDelta, "candidate nDCG@10 − baseline nDCG@10", "no nDCG@10 for both runs"),
        AtLeast(Recall, figures.RecallDelta, policy.MinRecallDelta, "candidate Recall@50 − baseline Recall@50", "no Recall@50 for both runs"),
        LatencyGate(figures, policy),
        TailGate(figures, policy),
        AtLeast(Spans, figures.SpanCoverage, policy.MinSpanCoverage, "share of candidate results with a valid file and line span", "not measured: spans come only from a live bench"),
    ];

    /// <summary>Fail if any gate failed, Pass only if every gate passed, otherwise insufficient data.</summary>
    public static Verdict Overall(IEnumerable<BenchGateResult> results)
    {
        var verdicts = results.Select(r => r.Verdict).ToArray();
        if (verdicts.Contains(Verdict.Fail)) return Verdict.Fail;
        return verdicts.Length > 0 && verdicts.All(v => v == Verdict.Pass) ? Verdict.Pass : Verdict.InsufficientData;
    }

    private static BenchGateResult AtLeast(string gate, double? value, double threshold, string what, string missing) =>
        value is not { } v
            ? new(gate, Verdict.InsufficientData, null, threshold, $"≥ {N(threshold)}", missing)
            : new(gate, v >= threshold ? Verdict.Pass : Verdict.Fail, v, threshold, $"≥ {N(threshold)}", $"{what} = {N(v)}");

    private static BenchGateResult LatencyGate(BenchFigures f, ReleaseGatePolicy policy)
    {
        var rule = $"≤ {N(policy.MaxP95Increase * 100)}% above baseline";
        if (f is not { BaselineP95Ms: { } b, CandidateP95Ms: { } c })
            return new(P95, Verdict.InsufficientData, null, policy.MaxP95Increase, rule, "not measured: latency comes only from a live bench");
        var limit = b * (1 + policy.MaxP95Increase);
        var increase = b > 0 ? c / b - 1 : (c > 0 ? double.PositiveInfinity : 0);
        return new(P95, c <= limit ? Verdict.Pass : Verdict.Fail, increase, policy.MaxP95Increase, rule,
            $"candidate p95 {GateFormat.Milliseconds(c)} vs baseline {GateFormat.Milliseconds(b)} (limit {GateFormat.Milliseconds(limit)})");
    }

    private static BenchGateResult TailGate(BenchFigures f, ReleaseGatePolicy policy)
    {
        var rule = $"≤ {N(policy.MaxTailRatio)}";
        if (f is not { CandidateP95Ms: { } p95, CandidateP99Ms: { } p99 })
            return new(TailRatio, Verdict.InsufficientData, null, policy.MaxTailRatio, rule, "not measured: latency comes only from a live bench");
        var ratio = p95 > 0 ? p99 / p95 : 1;
        return new(TailRatio, ratio <= policy.MaxTailRatio ? Verdict.Pass : Verdict.Fail, ratio, policy.MaxTailRatio, rule,
            $"candidate p99 {GateFormat.Milliseconds(p99)} / p95 {GateFormat.Milliseconds(p95)} = {GateFormat.Ratio(ratio)}");
    }

    private static string N(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
