namespace Lens.Dashboard.Ui.Charts;

/// <summary>One value at one time; a null value is a gap in the line, never a zero.</summary>
public readonly record struct ChartPoint(DateTimeOffset At, double? Value);
