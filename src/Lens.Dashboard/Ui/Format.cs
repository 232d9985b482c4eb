using Lens.Core.Text;
using System.Globalization;
using Lens.Core.Gates;

namespace Lens.Dashboard.Ui;

/// <summary>How numbers, times and durations read on every page, the same way everywhere. Gate values use Core's GateFormat.</summary>
public static class Format
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Percent(decimal value) => value.ToString("0.##", C) + "%";

    public static string Percent(double? value) => value is { } v ? v.ToString("0.##", C) + "%" : "–";

    /// <summary>A fraction as a percentage: 0.0690608 reads 6.91%.</summary>
    public static string Rate(double? fraction) => fraction is { } f ? GateFormat.Percent(f) : "–";

    public static string Ms(double? ms) => ms is { } v ? GateFormat.Milliseconds(v) : "–";

    public static string Number(double? value) => value is { } v ? v.ToString("0.###", C) : "–";

    public static string Count(long value) => GateFormat.Count(value);

    public static string Duration(TimeSpan span) => DurationText.Of(span);

    public static string GateValue(string gate, double? value) => GateFormat.Value(gate, value);

    public static string GateLabel(string gate) => GateFormat.Label(gate);

    /// <summary>What a verdict was held against: "200 ms", or "5 ± 1" for a target.</summary>
    public static string GateLimit(GateVerdict verdict) => GateFormat.Limit(verdict);

    /// <summary>"limit" or "target", the word before <see cref="GateLimit"/>.</summary>
    public static string GateLimitWord(GateVerdict verdict) => GateFormat.LimitWord(verdict);

    /// <summary>A full timestamp, always in UTC and always saying so.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", C) + " UTC";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", C) + " UTC";

    /// <summary>How long ago, for lists: "4 min ago", with the full time on hover.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now) => now - at < TimeSpan.FromSeconds(1) ? "just now" : Duration(now - at) + " ago";
}
