namespace Lens.Dashboard.Features.Flags;

public sealed record SubFeatureKillSwitchRequest(bool? Active, string? Reason);
