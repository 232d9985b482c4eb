using System.Globalization;

namespace Lens.Dashboard.Components.Shared;

/// <summary>How numbers and durations read on every page, the same way everywhere.</summary>
public static class Format
{
    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Percent(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Rate(double? fraction) => fraction is { } f ? (f * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + " ms" : "–";

    public static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return $"{(int)span.TotalDays}d {span.Hours}h";
        if (span.TotalHours >= 1) return $"{(int)span.TotalHours}h {span.Minutes:00}m";
        if (span.TotalMinutes >= 1) return $"{(int)span.TotalMinutes}m {span.Seconds:00}s";
        return $"{span.Seconds}s";
    }

    public static string GateValue(string gate, double? value) => gate switch
    {
        Lens.Core.Gates.GateNames.ErrorRate => Rate(value),
        Lens.Core.Gates.GateNames.P99Latency => Ms(value),
        _ => Number(value),
    };

    public static string GateLabel(string gate) => gate switch
    {
        Lens.Core.Gates.GateNames.ErrorRate => "Error rate",
        Lens.Core.Gates.GateNames.P99Latency => "p99 latency",
        Lens.Core.Gates.GateNames.P99ToP95 => "p99 / p95",
        _ => gate,
    };

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
