using Lens.Core.Calibration;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>One variant's calibration today: the raw and calibrated curves, their Brier and ECE, τ and the results per query.</summary>
public sealed record CalibrationCurveView(
    string Flag, string Variant, string Release, long Impressions, long Queries,
    IReadOnlyList<ReliabilityBin> Raw, IReadOnlyList<ReliabilityBin> Calibrated,
    double BrierRaw, double BrierCalibrated, double EceRaw, double EceCalibrated,
    double Tau, double ResultsPerQueryAtTau, double ResultsPerQueryShown, IReadOnlyList<double> MapX, IReadOnlyList<double> MapY)
{
    public static CalibrationCurveView From(string flag, string variant, string release, ScoreCount[] histogram, long queries, CalibrationOptions options)
    {
        var fit = CalibrationFit.Compute(histogram, queries, options.Bins, options.Strategy, options.TargetResultsPerQuery);
        var impressions = ScoreHistogram.Impressions(histogram);
        return new CalibrationCurveView(flag, variant, release, impressions, queries, fit.Curve, fit.CalibratedCurve,
            fit.BrierRaw, fit.BrierCalibrated, fit.EceRaw, fit.EceCalibrated, fit.Tau.Value, fit.Tau.MeanResultsPerQuery,
            queries == 0 ? 0 : (double)impressions / queries, fit.Isotonic.X, fit.Isotonic.Y);
    }
}
