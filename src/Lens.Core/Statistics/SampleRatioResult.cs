namespace Lens.Core.Statistics;

/// <summary>The sample-ratio check of one window: served against intended candidate share, and whether they disagree.</summary>
public sealed record SampleRatioResult(double ChiSquare, double P, double ServedShare, double IntendedShare, bool Mismatch, double Alpha);
