namespace Lens.Dashboard.Ui.Charts;

/// <summary>Something that happened at a moment, drawn as a vertical line with a short label.</summary>
public sealed record ChartEvent(DateTimeOffset At, string Label, ChartEventKind Kind);
