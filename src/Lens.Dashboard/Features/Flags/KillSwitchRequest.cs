namespace Lens.Dashboard.Features.Flags;

public sealed record KillSwitchRequest(bool? Active, string? Actor, string? Reason, string? Name);
