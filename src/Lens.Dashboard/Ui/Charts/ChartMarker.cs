namespace Lens.Dashboard.Ui.Charts;

/// <summary>A point to call out, such as an alarm or a failed probe, drawn as a symbol with its meaning in the legend.</summary>
public sealed record ChartMarker(DateTimeOffset At, double Value, string Label);
