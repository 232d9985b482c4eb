namespace Lens.Core.Gates;

public static class GateNames
{
    public const string ErrorRate = "error_rate";
    public const string P99Latency = "p99_latency";
    public const string P99ToP95 = "p99_p95_ratio";
    public const string ResultsPerQuery = "results_per_query";
    public const string P95VsBaseline = "p95_vs_baseline";
    public const string ErrorRateVsBaseline = "error_rate_vs_baseline";

    /// <summary>Every gauge gate's name starts so: gauge.&lt;name&gt;.max, .min, .increase or .decrease.</summary>
    public const string GaugePrefix = "gauge.";

    public static string GaugeCeiling(string gauge) => $"{GaugePrefix}{gauge}.max";
    public static string GaugeFloor(string gauge) => $"{GaugePrefix}{gauge}.min";
    public static string GaugeIncrease(string gauge) => $"{GaugePrefix}{gauge}.increase";
    public static string GaugeDecrease(string gauge) => $"{GaugePrefix}{gauge}.decrease";

    /// <summary>A gate whose threshold is a floor: the value must stay at or above it.</summary>
    public static bool IsFloor(string gate) => gate.StartsWith(GaugePrefix, StringComparison.Ordinal)
        && (gate.EndsWith(".min", StringComparison.Ordinal) || gate.EndsWith(".decrease", StringComparison.Ordinal));

    /// <summary>A gauge gate that compares candidate with baseline (its value is a ratio).</summary>
    public static bool IsGaugeRelative(string gate) => gate.StartsWith(GaugePrefix, StringComparison.Ordinal)
        && (gate.EndsWith(".increase", StringComparison.Ordinal) || gate.EndsWith(".decrease", StringComparison.Ordinal));

    /// <summary>The gauge a gauge gate judges (memory_mb for gauge.memory_mb.max); null for other gates.</summary>
    public static string? GaugeOf(string gate)
    {
        if (!gate.StartsWith(GaugePrefix, StringComparison.Ordinal)) return null;
        var dot = gate.LastIndexOf('.');
        return dot <= GaugePrefix.Length ? null : gate[GaugePrefix.Length..dot];
    }
}
