namespace Lens.Dashboard.Components.Pages.Rollouts;

/// <summary>One drawn point: a time and a value.</summary>
public sealed record ChartPoint(DateTime At, double Value);
