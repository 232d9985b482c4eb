namespace Lens.Core.Sentinel;

/// <summary>
/// When probes run and what their results make the sentinel do. Probes run every <c>interval</c> normally and
/// every <c>trippedInterval</c> while the kill switch is tripped. A failed round trips it; it recovers by itself
/// only if the sentinel tripped it and every round since the first pass after the last failure has passed for
/// at least the recovery period.
/// </summary>
public static class SentinelPolicy
{
    public static bool IsDue(DateTimeOffset now, DateTimeOffset? lastRoundAt, bool tripped, TimeSpan interval, TimeSpan trippedInterval) =>
        lastRoundAt is not { } last || now - last >= (tripped ? trippedInterval : interval);

    /// <param name="rounds">Recent rounds, oldest first, covering at least the time since the switch tripped.</param>
    public static SentinelAction Decide(IReadOnlyList<ProbeRound> rounds, bool tripped, bool trippedBySentinel, DateTimeOffset now, TimeSpan recovery)
    {
        if (rounds.Count == 0) return SentinelAction.None;
        var latest = rounds[^1];
        if (!latest.Passed) return tripped ? SentinelAction.None : SentinelAction.Trip;
        if (!tripped || !trippedBySentinel) return SentinelAction.None;
        var passingSince = PassingSince(rounds)!.Value;
        return now - passingSince >= recovery ? SentinelAction.Recover : SentinelAction.None;
    }

    /// <summary>When the current run of passing rounds began; null when the latest round failed.</summary>
    public static DateTimeOffset? PassingSince(IReadOnlyList<ProbeRound> rounds)
    {
        DateTimeOffset? since = null;
        for (var i = rounds.Count - 1; i >= 0 && rounds[i].Passed; i--) since = rounds[i].At;
        return since;
    }

    public static double? SpanCoverage(IReadOnlyCollection<(string? File, int? Line)> results) =>
        results.Count == 0 ? null : results.Count(r => !string.IsNullOrWhiteSpace(r.File) && r.Line >= 1) / (double)results.Count;
}
