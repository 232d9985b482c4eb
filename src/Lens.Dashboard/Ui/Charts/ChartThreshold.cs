namespace Lens.Dashboard.Ui.Charts;

/// <summary>A horizontal limit across the chart, such as a gate's threshold, dashed and labelled.</summary>
public sealed record ChartThreshold(string Name, double Value, string Color = ChartColors.Limit);
