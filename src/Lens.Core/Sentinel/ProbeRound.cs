namespace Lens.Core.Sentinel;

/// <summary>All probes sent together once. A round passes only when every probe in it passed.</summary>
public sealed record ProbeRound(DateTimeOffset At, bool Passed)
{
    /// <summary>The rounds recorded runs belong to, oldest first.</summary>
    public static List<ProbeRound> Of(IEnumerable<ProbeRun> runs) =>
        runs.GroupBy(r => r.Round).Select(g => new ProbeRound(g.Min(r => r.At), g.All(r => r.Passed))).OrderBy(r => r.At).ToList();
}
