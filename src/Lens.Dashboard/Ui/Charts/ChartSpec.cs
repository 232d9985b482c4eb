namespace Lens.Dashboard.Ui.Charts;

/// <summary>
/// Everything one time chart shows. It is plain data, built by a page's read model and drawn by <see cref="TimeChart"/>,
/// so what a chart says (its limits, its annotations, where it starts and ends) is tested without a browser.
/// </summary>
public sealed record ChartSpec(
    string Title,
    string Unit,
    IReadOnlyList<ChartLine> Lines,
    IReadOnlyList<ChartThreshold>? Thresholds = null,
    IReadOnlyList<ChartEvent>? Events = null,
    IReadOnlyList<ChartMarker>? Markers = null,
    string MarkerName = "Marked",
    int Decimals = 2,
    string EmptyText = "Waiting for data.",
    double? YMin = 0)
{
    public IReadOnlyList<ChartThreshold> ThresholdLines => Thresholds ?? [];
    public IReadOnlyList<ChartEvent> EventLines => Events ?? [];
    public IReadOnlyList<ChartMarker> MarkerPoints => Markers ?? [];

    public bool IsEmpty => Lines.All(l => l.Points.All(p => p.Value is null));

    /// <summary>The time range the data covers; annotations outside it are not drawn (they would stretch the axis).</summary>
    public (DateTimeOffset From, DateTimeOffset To)? Range
    {
        get
        {
            var times = Lines.SelectMany(l => l.Points).Where(p => p.Value is not null).Select(p => p.At).ToList();
            return times.Count == 0 ? null : (times.Min(), times.Max());
        }
    }

    /// <summary>The events inside the data's time range, newest last.</summary>
    public IReadOnlyList<ChartEvent> VisibleEvents => Range is { } r
        ? EventLines.Where(e => e.At >= r.From && e.At <= r.To).OrderBy(e => e.At).ToList()
        : [];
}
