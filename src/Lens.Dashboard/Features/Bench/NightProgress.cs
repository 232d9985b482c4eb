namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// How far a night's validation has got: its benches (one per release and slice), how many are finished, and how
/// they came out. <see cref="Status"/> is "running" while any bench is queued or running, else "finished".
/// </summary>
public sealed record NightProgress(DateOnly Night, string Status, int Total, int Done, int Passed, int Failed, IReadOnlyList<BenchRunView> Runs)
{
    public const string Running = "running";
    public const string Finished = "finished";

    public bool IsRunning => Status == Running;

    /// <summary>The releases of the night in the order their benches were queued.</summary>
    public IReadOnlyList<string> Releases => Runs.Select(r => r.Release).Distinct().ToList();
}
