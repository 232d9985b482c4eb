namespace Lens.Core.Calibration;

/// <summary>
/// A day's (or a file's) calibration: the reliability curve, the isotonic map, Brier and ECE before and after it (on
/// the same impressions it was fitted on), and τ for the target results per query.
/// </summary>
public sealed record CalibrationFit(
    int N, int Queries, BinStrategy Strategy, IReadOnlyList<ReliabilityBin> Curve, IsotonicCalibration Isotonic,
    double BrierRaw, double BrierCalibrated, double EceRaw, double EceCalibrated, TauChoice Tau)
{
    public const int DefaultBins = 10;
    public const double DefaultTarget = 5;

    /// <summary>Impressions as parallel arrays: query ids (any distinct integers), scores in [0, 1], clicks.</summary>
    public static CalibrationFit Compute(ReadOnlySpan<int> queryIds, ReadOnlySpan<double> scores, ReadOnlySpan<bool> clicked,
        int bins = DefaultBins, BinStrategy strategy = BinStrategy.Uniform, double target = DefaultTarget)
    {
        if (scores.Length == 0) throw new ArgumentException("Calibration needs at least one impression.", nameof(scores));
        var curve = ReliabilityCurve.Compute(scores, clicked, bins, strategy);
        var isotonic = IsotonicCalibration.Fit(scores, clicked);
        var calibrated = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++) calibrated[i] = isotonic.Apply(scores[i]);
        var queries = new HashSet<int>();
        foreach (var q in queryIds) queries.Add(q);
        return new CalibrationFit(scores.Length, queries.Count, strategy, curve, isotonic,
            CalibrationMetrics.Brier(scores, clicked), CalibrationMetrics.Brier(calibrated, clicked),
            CalibrationMetrics.ExpectedCalibrationError(scores, clicked, bins), CalibrationMetrics.ExpectedCalibrationError(calibrated, clicked, bins),
            TauSolver.Solve(calibrated, queries.Count, target));
    }
}
