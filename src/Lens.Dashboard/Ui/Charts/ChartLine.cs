namespace Lens.Dashboard.Ui.Charts;

/// <summary>A series drawn as a line, in one colour, with its name in the legend.</summary>
public sealed record ChartLine(string Name, string Color, IReadOnlyList<ChartPoint> Points, double Width = 2, bool Dotted = false);
