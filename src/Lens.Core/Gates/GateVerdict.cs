namespace Lens.Core.Gates;

/// <summary>
/// The outcome of one gate on one window: what was measured, against what, on how many samples. Threshold is a
/// maximum, except for a floor (<see cref="GateNames.IsFloor"/>: the value must stay at or above it) and a gate with a Tolerance (results per query): there Threshold is the target and the value
/// must stay within Threshold ± Tolerance. A gate that compares candidate with baseline also gives the interval
/// (Lower..Upper) its value lies in at its confidence: Inconclusive when that interval straddles the threshold.
/// </summary>
public sealed record GateVerdict(string Gate, Verdict Verdict, double? Value, double Threshold, long Samples, double? Tolerance = null,
    double? Lower = null, double? Upper = null)
{
    /// <summary>
    /// One sentence, in the same units the pages use: "p99 latency 350 ms against a limit of 200 ms on 500 samples: Fail",
    /// or for a target: "Results per query 7.20 against 5 ± 1 on 1,200 samples: Fail".
    /// </summary>
    public string Describe() => Verdict switch
    {
        Verdict.InsufficientData => $"{GateFormat.Label(Gate)}: insufficient data ({GateFormat.Count(Samples)} samples)",
        _ when Lower is { } lo && Upper is { } hi =>
            $"{GateFormat.Label(Gate)} {GateFormat.Value(Gate, Value)} (95% interval {GateFormat.Value(Gate, lo)}–{GateFormat.Value(Gate, hi)}) against a limit of {GateFormat.Limit(this)} on {GateFormat.Count(Samples)} samples: {Verdict}",
        _ when Tolerance is not null => $"{GateFormat.Label(Gate)} {GateFormat.Value(Gate, Value)} against {GateFormat.Limit(this)} on {GateFormat.Count(Samples)} samples: {Verdict}",
        _ => $"{GateFormat.Label(Gate)} {GateFormat.Value(Gate, Value)} against a {GateFormat.LimitWord(this)} of {GateFormat.Limit(this)} on {GateFormat.Count(Samples)} samples: {Verdict}",
    };
}
