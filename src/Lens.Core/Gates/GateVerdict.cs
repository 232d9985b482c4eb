namespace Lens.Core.Gates;

/// <summary>The outcome of one gate on one window: what was measured, against what, on how many samples.</summary>
public sealed record GateVerdict(string Gate, Verdict Verdict, double? Value, double Threshold, long Samples)
{
    /// <summary>One sentence, in the same units the pages use: "p99 latency 350 ms against a limit of 200 ms on 500 samples: Fail".</summary>
    public string Describe() => Verdict switch
    {
        Verdict.InsufficientData => $"{GateFormat.Label(Gate)}: insufficient data ({GateFormat.Count(Samples)} samples)",
        _ => $"{GateFormat.Label(Gate)} {GateFormat.Value(Gate, Value)} against a limit of {GateFormat.Value(Gate, Threshold)} on {GateFormat.Count(Samples)} samples: {Verdict}",
    };
}
