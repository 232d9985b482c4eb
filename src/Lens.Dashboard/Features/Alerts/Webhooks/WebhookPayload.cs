using Lens.Core.Gates;

namespace Lens.Dashboard.Features.Alerts.Webhooks;

/// <summary>What a receiver gets: the event, its alert, and enough context to act without opening the dashboard.</summary>
public sealed record WebhookPayload(
    Guid Id,
    string Event,
    DateTimeOffset At,
    string Severity,
    WebhookAlert Alert,
    string? Release,
    Guid? Rollout,
    int? Stage,
    IReadOnlyList<GateVerdict> Gates,
    string Link);
