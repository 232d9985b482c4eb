using Lens.Core.Metrics;
using Lens.Core.Statistics;

namespace Lens.Core.Gates;

/// <summary>
/// Applies a stage's gates to the candidate's window. Pure: the same inputs always give the same verdicts.
/// A value equal to its threshold passes (thresholds are maxima; results per query is a target with a drift either
/// side, and a mean exactly target ± drift passes). Below MinSamples every configured gate is InsufficientData, never
/// Pass, so a quiet canary cannot advance on silence. Results per query counts only the requests that reported a
/// result count, so it needs MinSamples of those.
/// </summary>
public static class GateEvaluator
{
    /// <summary>
    /// How far past target ± drift a mean may be and still count as on the edge: the mean and the distance are computed
    /// in binary floating point, where 5.2 − 5.1 is a little more than 0.1. Relative to the target.
    /// </summary>
    public const double DriftRoundingSlack = 1e-9;

    /// <param name="sampleRatioMismatch">
    /// The served split disagrees with the intended one (an SRM): a comparison of the two variants cannot be trusted, so
    /// a gate that compares them never passes while it stands (it reads Inconclusive); a clear failure still fails.
    /// </param>
    public static IReadOnlyList<GateVerdict> Evaluate(StageGates gates, WindowMetrics window, bool sampleRatioMismatch = false)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(window);
        var candidate = window.Candidate;
        var minSamples = Math.Max(1, gates.MinSamples);
        var enough = candidate.Requests >= minSamples;
        var verdicts = new List<GateVerdict>(4);

        if (gates.MaxErrorRate is { } maxErrorRate)
            verdicts.Add(Judge(GateNames.ErrorRate, candidate.ErrorRate, maxErrorRate, candidate.Requests, enough));
        if (gates.MaxP99Ms is { } maxP99)
            verdicts.Add(Judge(GateNames.P99Latency, candidate.P99Ms, maxP99, candidate.Requests, enough));
        if (gates.MaxP99ToP95 is { } maxRatio)
            verdicts.Add(Judge(GateNames.P99ToP95, Ratio(candidate), maxRatio, candidate.Requests, enough));
        if (gates.MaxP95IncreaseVsBaseline is { } maxIncrease)
            verdicts.Add(JudgeAgainstBaseline(window, 1 + maxIncrease, minSamples, sampleRatioMismatch));
        if (gates.MaxErrorRateIncreaseVsBaseline is { } maxErrorIncrease)
            verdicts.Add(JudgeErrorRateAgainstBaseline(window, maxErrorIncrease, minSamples, sampleRatioMismatch));
        if (gates is { TargetResultsPerQuery: { } target, MaxResultsPerQueryDrift: { } drift })
            verdicts.Add(JudgeDrift(GateNames.ResultsPerQuery, candidate.ResultsPerQuery, target, drift, candidate.ResultSamples,
                candidate.ResultSamples >= minSamples));
        foreach (var gauge in gates.Gauges ?? [])
            JudgeGauge(gauge, window.Gauge(gauge.Name), sampleRatioMismatch, verdicts);

        return verdicts;
    }

    /// <summary>The worst of a set of verdicts: Fail over Inconclusive over InsufficientData over Pass; null when there are none.</summary>
    public static Verdict? Worst(IEnumerable<GateVerdict> verdicts)
    {
        Verdict? worst = null;
        foreach (var v in verdicts)
        {
            if (v.Verdict == Verdict.Fail) return Verdict.Fail;
            if (worst is null || Severity(v.Verdict) > Severity(worst.Value)) worst = v.Verdict;
        }
        return worst;
    }

    private static int Severity(Verdict verdict) => verdict switch
    {
        Verdict.Pass => 0,
        Verdict.InsufficientData => 1,
        Verdict.Inconclusive => 2,
        _ => 3,
    };

    private static GateVerdict Judge(string gate, double? value, double threshold, long samples, bool enough)
    {
        if (!enough || value is null)
            return new GateVerdict(gate, Verdict.InsufficientData, value, threshold, samples);
        return new GateVerdict(gate, value.Value <= threshold ? Verdict.Pass : Verdict.Fail, value, threshold, samples);
    }

    private static GateVerdict JudgeDrift(string gate, double? value, double target, double drift, long samples, bool enough)
    {
        if (!enough || value is null)
            return new GateVerdict(gate, Verdict.InsufficientData, value, target, samples, drift);
        var within = Math.Abs(value.Value - target) <= drift + DriftRoundingSlack * Math.Max(1, Math.Abs(target));
        return new GateVerdict(gate, within ? Verdict.Pass : Verdict.Fail, value, target, samples, drift);
    }

    /// <summary>
    /// The candidate's p95 over the baseline's, with the interval from both p95 intervals (each 97.5%, so 95% together):
    /// Pass when even the interval's top is within the limit, Fail when even its bottom is above it, Inconclusive between.
    /// Both variants need MinSamples requests.
    /// </summary>
    private static GateVerdict JudgeAgainstBaseline(WindowMetrics window, double maxRatio, long minSamples, bool sampleRatioMismatch)
    {
        var (baseline, candidate) = (window.Baseline, window.Candidate);
        var samples = Math.Min(baseline.Requests, candidate.Requests);
        double? ratio = baseline.P95Ms is > 0 && candidate.P95Ms is { } c ? c / baseline.P95Ms.Value : null;
        if (samples < minSamples || ratio is null || baseline is not { P95LowMs: > 0, P95HighMs: > 0 } || candidate is not { P95LowMs: { } cLow, P95HighMs: { } cHigh })
            return new GateVerdict(GateNames.P95VsBaseline, Verdict.InsufficientData, ratio, maxRatio, samples);
        var lower = cLow / baseline.P95HighMs!.Value;
        var upper = cHigh / baseline.P95LowMs!.Value;
        var verdict = upper <= maxRatio && !sampleRatioMismatch ? Verdict.Pass : lower > maxRatio ? Verdict.Fail : Verdict.Inconclusive;
        return new GateVerdict(GateNames.P95VsBaseline, verdict, ratio, maxRatio, samples, Lower: lower, Upper: upper);
    }

    /// <summary>
    /// Candidate error rate − baseline error rate, with the sequential test's always-valid 95% confidence sequence: Pass
    /// when its top is within the allowed increase, Fail when its bottom is above it, Inconclusive between. With no error
    /// (or only errors) on both sides the plug-in variance is zero, so the interval's width comes from rates with half an
    /// error in one more request on each side: otherwise a clean window could never be told apart from a slightly worse one.
    /// </summary>
    private static GateVerdict JudgeErrorRateAgainstBaseline(WindowMetrics window, double maxIncrease, long minSamples, bool sampleRatioMismatch)
    {
        var (baseline, candidate) = (window.Baseline, window.Candidate);
        var samples = Math.Min(baseline.Requests, candidate.Requests);
        double? difference = baseline.Requests > 0 && candidate.Requests > 0 ? (double)candidate.Errors / candidate.Requests - (double)baseline.Errors / baseline.Requests : null;
        if (samples < minSamples || difference is null)
            return new GateVerdict(GateNames.ErrorRateVsBaseline, Verdict.InsufficientData, difference, maxIncrease, samples);
        var b = new RateCounts(baseline.Errors, baseline.Requests);
        var c = new RateCounts(candidate.Errors, candidate.Requests);
        double lower, upper;
        if (b.Successes + c.Successes > 0 && b.Successes + c.Successes < b.Trials + c.Trials && SequentialRateTest.Variance(b, c) > 0)
        {
            var sequence = SequentialRateTest.Look(b, c).Interval;
            (lower, upper) = (sequence.Lower, sequence.Upper);
        }
        else
        {
            var pb = (b.Successes + 0.5) / (b.Trials + 1);
            var pc = (c.Successes + 0.5) / (c.Trials + 1);
            var radius = SequentialRateTest.Radius(pb * (1 - pb) / b.Trials + pc * (1 - pc) / c.Trials,
                SequentialRateTest.DefaultMixingStandardDeviation, SequentialRateTest.DefaultAlpha);
            (lower, upper) = (Math.Max(-1, difference.Value - radius), Math.Min(1, difference.Value + radius));
        }
        var verdict = upper <= maxIncrease && !sampleRatioMismatch ? Verdict.Pass : lower > maxIncrease ? Verdict.Fail : Verdict.Inconclusive;
        return new GateVerdict(GateNames.ErrorRateVsBaseline, verdict, difference, maxIncrease, samples, Lower: lower, Upper: upper);
    }

    /// <summary>
    /// A gauge's ceiling and floor on the candidate's mean, and its ratio to the baseline's mean for the relative limits.
    /// Gauges are reported snapshots with no distribution behind them, so the relative limits are point comparisons; like
    /// the other relative gates they never pass while the split is mismatched.
    /// </summary>
    private static void JudgeGauge(GaugeGate gate, GaugePair pair, bool sampleRatioMismatch, List<GateVerdict> verdicts)
    {
        var minSamples = Math.Max(1, gate.MinSamples);
        var candidate = pair.Candidate;
        var enough = candidate.Samples >= minSamples;
        if (gate.Max is { } max)
            verdicts.Add(Judge(GateNames.GaugeCeiling(gate.Name), candidate.Mean, max, candidate.Samples, enough));
        if (gate.Min is { } min)
            verdicts.Add(JudgeFloor(GateNames.GaugeFloor(gate.Name), candidate.Mean, min, candidate.Samples, enough));
        if (gate.MaxIncreaseVsBaseline is null && gate.MaxDecreaseVsBaseline is null) return;

        var samples = Math.Min(pair.Baseline.Samples, candidate.Samples);
        // Rounded so that 0.76 / 0.80 meets a 5% decrease limit exactly, as it does on paper.
        double? ratio = pair.Baseline.Mean is > 0 && candidate.Mean is { } c ? Math.Round(c / pair.Baseline.Mean.Value, 12) : null;
        var both = samples >= minSamples;
        if (gate.MaxIncreaseVsBaseline is { } increase)
            verdicts.Add(Relative(Judge(GateNames.GaugeIncrease(gate.Name), ratio, 1 + increase, samples, both), sampleRatioMismatch));
        if (gate.MaxDecreaseVsBaseline is { } decrease)
            verdicts.Add(Relative(JudgeFloor(GateNames.GaugeDecrease(gate.Name), ratio, 1 - decrease, samples, both), sampleRatioMismatch));
    }

    private static GateVerdict JudgeFloor(string gate, double? value, double floor, long samples, bool enough)
    {
        if (!enough || value is null)
            return new GateVerdict(gate, Verdict.InsufficientData, value, floor, samples);
        return new GateVerdict(gate, value.Value >= floor ? Verdict.Pass : Verdict.Fail, value, floor, samples);
    }

    private static GateVerdict Relative(GateVerdict verdict, bool sampleRatioMismatch) =>
        sampleRatioMismatch && verdict.Verdict == Verdict.Pass ? verdict with { Verdict = Verdict.Inconclusive } : verdict;

    private static double? Ratio(VariantMetrics metrics) =>
        metrics is { P99Ms: { } p99, P95Ms: { } p95 } && p95 > 0 ? p99 / p95 : null;
}
