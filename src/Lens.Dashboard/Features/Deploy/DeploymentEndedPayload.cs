namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// What each of a pipeline's monitoring_config.alert_webhooks receives when it ends: the pipeline, how it ended and why,
/// and absolute links to its page and report files. The event id travels as the Idempotency-Key header.
/// </summary>
public sealed record DeploymentEndedPayload(
    Guid Id,
    string Event,
    string Version,
    string Flag,
    string State,
    string? Cause,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Link,
    IReadOnlyDictionary<string, string> Reports);
