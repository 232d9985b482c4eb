using System.Globalization;

namespace Lens.Core.Gates;

/// <summary>
/// How a gate's name and numbers read, wherever they are shown: the reason stored with an automatic action, the
/// tiles, the why panel, alerts and reports. One format per unit, so a rollback's reason and the table beside it agree.
/// </summary>
public static class GateFormat
{
    public static string Label(string gate) => gate switch
    {
        GateNames.ErrorRate => "Error rate",
        GateNames.P99Latency => "p99 latency",
        GateNames.P99ToP95 => "p99 / p95",
        GateNames.ResultsPerQuery => "Results per query",
        GateNames.P95VsBaseline => "p95 vs baseline",
        GateNames.ErrorRateVsBaseline => "Error rate vs baseline",
        _ when GateNames.GaugeOf(gate) is { } gauge => gate[(gate.LastIndexOf('.') + 1)..] switch
        {
            "max" => $"{gauge} ceiling",
            "min" => $"{gauge} floor",
            _ => $"{gauge} vs baseline",
        },
        _ => gate,
    };

    public static string Value(string gate, double? value) => value switch
    {
        null => "–",
        { } v => gate switch
        {
            GateNames.ErrorRate => Percent(v),
            GateNames.P99Latency => Milliseconds(v),
            GateNames.P99ToP95 => Ratio(v),
            GateNames.ResultsPerQuery => Mean(v),
            GateNames.P95VsBaseline => Ratio(v),
            GateNames.ErrorRateVsBaseline => Points(v),
            _ when GateNames.IsGaugeRelative(gate) => Ratio(v),
            _ => v.ToString("0.###", CultureInfo.InvariantCulture),
        },
    };

    /// <summary>
    /// What a verdict's value is held against: the limit in the gate's unit ("200 ms"), or for a gate with a tolerance
    /// the target and the allowed drift either side ("5 ± 1").
    /// </summary>
    public static string Limit(GateVerdict verdict) => Limit(verdict.Gate, verdict.Threshold, verdict.Tolerance);

    public static string Limit(string gate, double threshold, double? tolerance) => tolerance switch
    {
        null => Value(gate, threshold),
        { } t => $"{Setting(threshold)} ± {Setting(t)}",
    };

    /// <summary>"limit" for a maximum, "target" for a value with a tolerance either side: the word before <see cref="Limit(GateVerdict)"/>.</summary>
    public static string LimitWord(GateVerdict verdict) => verdict.Tolerance is not null ? "target" : GateNames.IsFloor(verdict.Gate) ? "floor" : "limit";

    /// <summary>A measured mean, with two decimals so a small drift shows: 7.2 reads 7.20.</summary>
    public static string Mean(double mean) => mean.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A number someone set (a target, a drift), as they would have written it: 5 reads 5, 4.5 reads 4.5.</summary>
    public static string Setting(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with up to two decimals: 0.0690608 reads 6.91%.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Milliseconds, whole above 10 ms and with up to two decimals below.</summary>
    public static string Milliseconds(double ms) => ms.ToString(Math.Abs(ms) < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A difference of two rates, in percentage points with a sign: 0.0123 reads +1.23 pp.</summary>
    public static string Points(double difference) => (difference * 100).ToString("+0.##;−0.##;0", CultureInfo.InvariantCulture) + " pp";

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
