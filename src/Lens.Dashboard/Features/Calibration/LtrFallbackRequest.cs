namespace Lens.Dashboard.Features.Calibration;

public sealed record LtrFallbackRequest(bool? Active, string? Reason);
