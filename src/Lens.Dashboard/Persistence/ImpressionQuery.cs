namespace Lens.Dashboard.Persistence;

/// <summary>A query that had impressions on a day: counted once however many batches carried it (τ divides by the number of queries).</summary>
public sealed class ImpressionQuery
{
    private ImpressionQuery() { }

    public string Flag { get; private set; } = "";
    public string Release { get; private set; } = "";
    public string Variant { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public string QueryId { get; private set; } = "";
}
