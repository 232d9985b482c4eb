namespace Lens.Dashboard.Features.Retention;

/// <summary>
/// SQL conditions that keep a live rollout's rows out of pruning. Times in Rollouts are stored as UTC ticks (UtcTicksConverter);
/// metric buckets are keyed by Unix second, impressions by UTC day.
/// </summary>
internal static class RunningRollouts
{
    private const string Live = "r.State IN ('Pending', 'Running', 'Paused')";
    private const string CreatedUnixSeconds = "((r.CreatedAt - 621355968000000000) / 10000000)";

    /// <summary>True for rows of a table aliased <paramref name="alias"/> with Flag and a Unix-second column, owned by a live rollout of that flag.</summary>
    public static string OwnsBucket(string alias, string secondColumn) =>
        $"EXISTS (SELECT 1 FROM Rollouts r WHERE {Live} AND r.Flag = {alias}.Flag AND {alias}.{secondColumn} >= {CreatedUnixSeconds})";

    public static string OwnsImpressionDay(string alias) =>
        $"EXISTS (SELECT 1 FROM Rollouts r WHERE {Live} AND r.Flag = {alias}.Flag AND {alias}.Day >= date({CreatedUnixSeconds}, 'unixepoch'))";

    public static string Ids => $"SELECT r.Id FROM Rollouts r WHERE {Live}";
}
