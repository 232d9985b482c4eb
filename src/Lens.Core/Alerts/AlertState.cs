namespace Lens.Core.Alerts;

public enum AlertState
{
    Raised,
    Acknowledged,
    Resolved,
}
