namespace Lens.Core.Calibration;

/// <summary>
/// One non-empty bin of a reliability curve: its edges, how many impressions fell in it, their mean predicted score,
/// the share clicked, and that share's 95% Wilson interval.
/// </summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanPredicted, double FractionPositive, double WilsonLower, double WilsonUpper);
