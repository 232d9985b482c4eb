namespace Lens.Dashboard.Components.Shared;

public sealed record ConfirmResult(string Actor, string Reason);
