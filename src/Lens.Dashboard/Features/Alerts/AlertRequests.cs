namespace Lens.Dashboard.Features.Alerts;

public sealed record AlertActionRequest(string? Actor, string? Reason);
