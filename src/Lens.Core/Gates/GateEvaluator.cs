using Lens.Core.Metrics;

namespace Lens.Core.Gates;

/// <summary>
/// Applies a stage's gates to the candidate's window. Pure: the same inputs always give the same verdicts.
/// A value equal to its threshold passes (thresholds are maxima). Below MinSamples every configured gate
/// is InsufficientData, never Pass, so a quiet canary cannot advance on silence.
/// </summary>
public static class GateEvaluator
{
    public static IReadOnlyList<GateVerdict> Evaluate(StageGates gates, WindowMetrics window)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(window);
        var candidate = window.Candidate;
        var enough = candidate.Requests >= Math.Max(1, gates.MinSamples);
        var verdicts = new List<GateVerdict>(3);

        if (gates.MaxErrorRate is { } maxErrorRate)
            verdicts.Add(Judge(GateNames.ErrorRate, candidate.ErrorRate, maxErrorRate, candidate.Requests, enough));
        if (gates.MaxP99Ms is { } maxP99)
            verdicts.Add(Judge(GateNames.P99Latency, candidate.P99Ms, maxP99, candidate.Requests, enough));
        if (gates.MaxP99ToP95 is { } maxRatio)
            verdicts.Add(Judge(GateNames.P99ToP95, Ratio(candidate), maxRatio, candidate.Requests, enough));

        return verdicts;
    }

    /// <summary>The worst of a set of verdicts: Fail over InsufficientData over Pass; null when there are none.</summary>
    public static Verdict? Worst(IEnumerable<GateVerdict> verdicts)
    {
        Verdict? worst = null;
        foreach (var v in verdicts)
        {
            if (v.Verdict == Verdict.Fail) return Verdict.Fail;
            if (v.Verdict == Verdict.InsufficientData || worst is null) worst = v.Verdict;
        }
        return worst;
    }

    private static GateVerdict Judge(string gate, double? value, double threshold, long samples, bool enough)
    {
        if (!enough || value is null)
            return new GateVerdict(gate, Verdict.InsufficientData, value, threshold, samples);
        return new GateVerdict(gate, value.Value <= threshold ? Verdict.Pass : Verdict.Fail, value, threshold, samples);
    }

    private static double? Ratio(VariantMetrics metrics) =>
        metrics is { P99Ms: { } p99, P95Ms: { } p95 } && p95 > 0 ? p99 / p95 : null;
}
