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
            _ => v.ToString("0.###", CultureInfo.InvariantCulture),
        },
    };

    /// <summary>A fraction as a percentage with up to two decimals: 0.0690608 reads 6.91%.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Milliseconds, whole above 10 ms and with up to two decimals below.</summary>
    public static string Milliseconds(double ms) => ms.ToString(Math.Abs(ms) < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
