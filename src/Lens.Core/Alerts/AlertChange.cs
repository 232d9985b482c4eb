namespace Lens.Core.Alerts;

/// <summary>What happened to an alert in one step. Webhooks and the wall are told about the loud ones.</summary>
public enum AlertChange
{
    /// <summary>Nothing worth telling anyone: a repeat of an open condition, or damped flapping.</summary>
    Counted,
    Raised,
    Escalated,
    Acknowledged,
    Resolved,
}
