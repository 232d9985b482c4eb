using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Retention;

/// <summary>
/// The captions charts and reports show when what they cover reaches past a retention boundary, so a pruned span
/// reads as "not kept", never as a quiet stretch with no traffic.
/// </summary>
public sealed class RetentionNotice(IOptions<RetentionOptions> options, TimeProvider clock)
{
    /// <summary>The oldest instant still kept in full for <paramref name="kind"/>.</summary>
    public DateTimeOffset BoundaryOf(RetentionKind kind) => clock.GetUtcNow() - RetentionPolicy.KeptFor(options.Value, kind);

    /// <summary>A caption when a view starting at <paramref name="from"/> reaches past the boundary of <paramref name="kind"/>; otherwise null.</summary>
    public string? For(RetentionKind kind, DateTimeOffset from)
    {
        var boundary = BoundaryOf(kind);
        if (from >= boundary) return null;
        var o = options.Value;
        if (kind == RetentionKind.FineMetrics)
        {
            var minutes = BoundaryOf(RetentionKind.MinuteMetrics);
            return from >= minutes
                ? $"5-second detail kept {RetentionPolicy.Words(o.FineMetrics)}; before {Stamp(boundary)} only 1-minute buckets are kept."
                : $"5-second detail kept {RetentionPolicy.Words(o.FineMetrics)}, 1-minute buckets {RetentionPolicy.Words(o.MinuteMetrics)}; traffic before {Stamp(minutes)} was pruned and is not zero, just not kept.";
        }
        var rule = RetentionPolicy.Rules(o).Single(r => r.Kind == kind);
        return $"{Capitalised(rule.What)} are kept {RetentionPolicy.Words(rule.KeptFor)}; those before {Stamp(boundary)} were pruned, so this starts there.";
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
