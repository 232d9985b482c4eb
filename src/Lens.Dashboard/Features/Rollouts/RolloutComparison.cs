using System.Globalization;
using Lens.Core.Comparison;
using Lens.Core.Statistics;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>A rollout's baseline against its candidate now: every metric, the split check, and the verdict in one sentence.</summary>
public sealed record RolloutComparison(Guid RolloutId, string Flag, string Release, int StageIndex, decimal Percent, string State,
    IReadOnlyList<MetricComparison> Metrics, SampleRatioResult? SampleRatio, string Verdict, DateTimeOffset AsOf)
{
    /// <summary>What a manager reads first: worse wins over better, a broken split over both, and "not yet" says how far off.</summary>
    public static string Sentence(IReadOnlyList<MetricComparison> metrics, SampleRatioResult? sampleRatio)
    {
        // Requests per side: the latency and error rows count requests; click-through counts impressions.
        var n = metrics.Where(m => m.Unit == "ms").Select(m => m.SamplesPerArm).DefaultIfEmpty(0).Max();
        if (n == 0) return "No comparison yet: neither side has served requests in this stage.";
        if (sampleRatio is { Mismatch: true })
            return $"No winner can be called: the candidate served {sampleRatio.ServedShare:P1} of requests against an intended {sampleRatio.IntendedShare:P1} (sample ratio mismatch), so the two sides are not comparable until that is fixed.";
        var worse = metrics.Where(m => m.Outcome == ComparisonOutcome.Worse).ToList();
        var better = metrics.Where(m => m.Outcome == ComparisonOutcome.Better).ToList();
        var prefix = $"After {n.ToString("N0", CultureInfo.InvariantCulture)} requests per side, the candidate is";
        if (worse.Count > 0)
            return $"{prefix} worse: {string.Join("; ", worse.Select(Change))}.";
        if (better.Count > 0)
            return $"{prefix} better on {string.Join("; ", better.Select(Change))}, and not shown worse on anything else.";
        var needed = metrics.Where(m => m.SamplesNeededPerArm is { } need && need > m.SamplesPerArm).Select(m => m.SamplesNeededPerArm!.Value).DefaultIfEmpty(0).Max();
        return needed > 0
            ? $"{prefix} not yet known to differ: no metric shows a difference yet. About {needed.ToString("N0", CultureInfo.InvariantCulture)} per side would detect the smallest differences worth knowing."
            : $"{prefix} not shown to differ on any metric, with enough data to have seen the smallest differences worth knowing.";
    }

    public static string Change(MetricComparison m) => m.RelativeDifference is null && m is { Unit: "rate", Baseline: { } b, Candidate: { } c }
        // A clean baseline has no ratio to speak of; the rates themselves say it.
        ? $"{m.Metric} {(b * 100).ToString("0.00", CultureInfo.InvariantCulture)}% → {(c * 100).ToString("0.00", CultureInfo.InvariantCulture)}%"
        : $"{m.Metric} {Signed(m.RelativeDifference)} (95% interval {Signed(m.RelativeLower)} to {Signed(m.RelativeUpper)})";

    /// <summary>A side's value in the metric's unit: "42 ms", "1.25%", "5.00".</summary>
    public static string ValueText(MetricComparison m, double? value) => value is not { } x ? "–" : m.Unit switch
    {
        "ms" => Lens.Core.Gates.GateFormat.Milliseconds(x),
        "rate" => (x * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
        _ => x.ToString("0.00", CultureInfo.InvariantCulture),
    };

    public static string OutcomeText(ComparisonOutcome outcome) => outcome switch
    {
        ComparisonOutcome.Worse => "worse",
        ComparisonOutcome.Better => "better",
        _ => "not yet known",
    };

    public static string Signed(double? fraction) => fraction is { } f ? (f * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + "%" : "–";
}
