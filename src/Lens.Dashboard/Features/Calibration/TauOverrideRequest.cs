namespace Lens.Dashboard.Features.Calibration;

public sealed record TauOverrideRequest(double? Tau, string? Reason);
