namespace Lens.Dashboard.Features.Alerts;

public sealed record BulkAcknowledgeRequest(IReadOnlyList<Guid>? Ids, string? Actor, string? Reason);
