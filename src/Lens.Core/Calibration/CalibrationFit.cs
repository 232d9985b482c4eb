namespace Lens.Core.Calibration;

/// <summary>
/// A day's (or a file's) calibration: the reliability curve, the isotonic map, Brier and ECE before and after it (on
/// the same impressions it was fitted on), and τ for the target results per query.
/// </summary>
public sealed record CalibrationFit(
    int N, int Queries, BinStrategy Strategy, IReadOnlyList<ReliabilityBin> Curve, IsotonicCalibration Isotonic,
    double BrierRaw, double BrierCalibrated, double EceRaw, double EceCalibrated, TauChoice Tau, IReadOnlyList<ReliabilityBin> CalibratedCurve)
{
    public const int DefaultBins = 10;
    public const double DefaultTarget = 5;

    /// <summary>Impressions as parallel arrays: query ids (any distinct integers), scores in [0, 1], clicks.</summary>
    public static CalibrationFit Compute(ReadOnlySpan<int> queryIds, ReadOnlySpan<double> scores, ReadOnlySpan<bool> clicked,
        int bins = DefaultBins, BinStrategy strategy = BinStrategy.Uniform, double target = DefaultTarget)
    {
        if (scores.Length == 0) throw new ArgumentException("Calibration needs at least one impression.", nameof(scores));
        var queries = new HashSet<int>();
        foreach (var q in queryIds) queries.Add(q);
        return Compute(ScoreHistogram.From(scores, clicked), queries.Count, bins, strategy, target);
    }

    /// <summary>
    /// Impressions grouped by score (increasing), and how many queries they came from: the same figures as the raw
    /// impressions give, which is how a day's aggregates are fitted.
    /// </summary>
    public static CalibrationFit Compute(ScoreCount[] histogram, long queries, int bins = DefaultBins, BinStrategy strategy = BinStrategy.Uniform,
        double target = DefaultTarget)
    {
        var n = ScoreHistogram.Impressions(histogram);
        if (n == 0) throw new ArgumentException("Calibration needs at least one impression.", nameof(histogram));
        var isotonic = IsotonicCalibration.Fit(histogram);
        var calibrated = ScoreHistogram.Calibrated(histogram, isotonic);
        // ECE is always over uniform bins: that curve is the reported one too when the strategy is uniform.
        var uniform = ReliabilityCurve.Compute(histogram, bins, BinStrategy.Uniform);
        var calibratedCurve = ReliabilityCurve.Compute(calibrated, bins, BinStrategy.Uniform);
        return new CalibrationFit((int)Math.Min(n, int.MaxValue), (int)Math.Min(queries, int.MaxValue), strategy,
            strategy == BinStrategy.Uniform ? uniform : ReliabilityCurve.Compute(histogram, bins, strategy), isotonic,
            CalibrationMetrics.Brier(histogram), CalibrationMetrics.Brier(calibrated),
            CalibrationMetrics.ExpectedCalibrationError(uniform), CalibrationMetrics.ExpectedCalibrationError(calibratedCurve),
            TauSolver.Solve(calibrated, queries, target), calibratedCurve);
    }
}
