namespace Lens.Dashboard.Ui;

/// <summary>A load that failed: when, why, and when the data still on screen was loaded (null if never).</summary>
public sealed record LoadFailure(DateTimeOffset At, string Message, DateTimeOffset? DataFrom);
