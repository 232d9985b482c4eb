namespace Lens.Dashboard.Features.SignOff;

public sealed record DecisionRequest(string? Role, string? Actor, bool? Approved, string? Reason);

public sealed record PromoteRequest(string? Actor, string? Reason);
