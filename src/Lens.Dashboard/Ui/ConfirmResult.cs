namespace Lens.Dashboard.Ui;

/// <summary>Who confirmed an action, and why: both go into the audit log.</summary>
public sealed record ConfirmResult(string Actor, string Reason);
