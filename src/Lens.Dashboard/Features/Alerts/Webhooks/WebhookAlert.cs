namespace Lens.Dashboard.Features.Alerts.Webhooks;

public sealed record WebhookAlert(Guid Id, string Key, string Source, string State, string Title, string Detail, int Count, string? Actor, string? Reason);
