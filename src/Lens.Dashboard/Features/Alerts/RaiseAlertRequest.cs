namespace Lens.Dashboard.Features.Alerts;

public sealed record RaiseAlertRequest(string? Key, string? Severity, string? Title, string? Detail, string? Actor, string? Release);
