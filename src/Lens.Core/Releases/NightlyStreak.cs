namespace Lens.Core.Releases;

/// <summary>
/// Counts consecutive passing nights, ending at the latest night. A failing night resets the count to 0, and so
/// does a night with no result: three consecutive nights means three calendar nights in a row.
/// </summary>
public static class NightlyStreak
{
    public const int DefaultRequired = 3;

    public static int Count(IEnumerable<NightlyResult> nights)
    {
        var byNight = nights.GroupBy(n => n.Night).ToDictionary(g => g.Key, g => g.Last().Passed);
        if (byNight.Count == 0) return 0;
        var night = byNight.Keys.Max();
        var streak = 0;
        while (byNight.TryGetValue(night, out var passed) && passed)
        {
            streak++;
            night = night.AddDays(-1);
        }
        return streak;
    }
}
