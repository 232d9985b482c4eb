namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// A pinned query set: <c>Queries</c> is a TSV of <c>qid&lt;TAB&gt;query</c>, <c>Qrels</c> TREC judgments
/// (<c>qid 0 docno rel</c>, where docno is a result's file path). Relative paths are under the app's content root.
/// </summary>
public sealed class BenchDatasetOptions
{
    public string? Queries { get; set; }
    public string? Qrels { get; set; }
}
