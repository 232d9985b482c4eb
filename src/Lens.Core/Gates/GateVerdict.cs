namespace Lens.Core.Gates;

/// <summary>The outcome of one gate on one window: what was measured, against what, on how many samples.</summary>
public sealed record GateVerdict(string Gate, Verdict Verdict, double? Value, double Threshold, long Samples)
{
    public string Describe() => Verdict switch
    {
        Verdict.InsufficientData => $"{Gate}: insufficient data ({Samples} samples)",
        _ => $"{Gate} = {FormatValue()} vs threshold {Threshold.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} on {Samples} samples: {Verdict}",
    };

    private string FormatValue() => Value is { } v ? v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
