namespace Lens.Core.Calibration;

/// <summary>The chosen threshold on calibrated scores and the mean number of results per query it lets through.</summary>
public sealed record TauChoice(double Target, double Value, double MeanResultsPerQuery);
