namespace Lens.Dashboard.Features.Bench;

/// <summary>The body of a pin or a retirement: why (it goes in the audit log).</summary>
public sealed record NightlyMarkRequest(string? Reason);
