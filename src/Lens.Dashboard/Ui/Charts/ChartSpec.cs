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
    double? YMin = 0,
    TimeSpan MinimumStep = default,
    string? Note = null,
    bool ShowPoints = false)
{
    public IReadOnlyList<ChartThreshold> ThresholdLines => Thresholds ?? [];
    public IReadOnlyList<ChartEvent> EventLines => Events ?? [];
    public IReadOnlyList<ChartMarker> MarkerPoints => Markers ?? [];

    /// <summary>
    /// Whether points are drawn as dots: when asked, or when some line has too few points to be a line (a sentinel's
    /// first probe round is one point per probe, and a single point draws nothing).
    /// </summary>
    public bool DrawsPoints => ShowPoints || Lines.Any(l => l.Points.Count(p => p.Value is not null) == 1);

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

    /// <summary>
    /// The events from the data's first point on, newest last. Events after the last point stay: an automatic rollback
    /// lands after the bucket that caused it, and that is the one event a reader must see. Earlier ones are dropped so
    /// that an old kill switch does not stretch the axis back over hours without data.
    /// </summary>
    public IReadOnlyList<ChartEvent> VisibleEvents => Range is { } r
        ? EventLines.Where(e => e.At >= r.From).OrderBy(e => e.At).ToList()
        : [];

    /// <summary>The time the axis must cover: the data, and any later events.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? AxisRange => Range is { } r
        ? (r.From, VisibleEvents.Select(e => e.At).Append(r.To).Max())
        : null;
}
