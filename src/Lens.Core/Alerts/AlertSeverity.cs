namespace Lens.Core.Alerts;

/// <summary>How loud an alert is. Ordered, so "most severe first" is a plain descending sort.</summary>
public enum AlertSeverity
{
    Info = 0,
    Warn = 1,
    High = 2,
    Critical = 3,
}
