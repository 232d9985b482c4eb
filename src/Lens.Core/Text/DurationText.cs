namespace Lens.Core.Text;

/// <summary>
/// How a duration reads to people, in a stored reason as on a page: two units at most and no zero tail, so "6 s",
/// "1 h 5 min" and "30 min" rather than "00:00:06" or "0 h 30 min 00 s"; under a second, milliseconds.
/// </summary>
public static class DurationText
{
    public static string Of(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return Two((int)span.TotalDays, "d", span.Hours, "h");
        if (span.TotalHours >= 1) return Two((int)span.TotalHours, "h", span.Minutes, "min");
        if (span.TotalMinutes >= 1) return Two((int)span.TotalMinutes, "min", span.Seconds, "s");
        // A probe timeout of 300 ms is not "0 s".
        if (span > TimeSpan.Zero && span < TimeSpan.FromSeconds(1)) return $"{Math.Max(1, (int)Math.Round(span.TotalMilliseconds, MidpointRounding.AwayFromZero))} ms";
        return $"{span.Seconds} s";
    }

    /// <summary>A time left, rounded up to the second: 0.4 s left reads "1 s", never "0 s".</summary>
    public static string Left(TimeSpan left) =>
        Of(left <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)));

    private static string Two(int big, string bigUnit, int small, string smallUnit) =>
        small == 0 ? $"{big} {bigUnit}" : $"{big} {bigUnit} {small} {smallUnit}";
}
