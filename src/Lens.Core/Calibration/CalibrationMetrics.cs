namespace Lens.Core.Calibration;

/// <summary>How well scores match click rates: the Brier score and the expected calibration error.</summary>
public static class CalibrationMetrics
{
    /// <summary>scikit-learn's <c>brier_score_loss</c>: the mean squared gap between score and outcome.</summary>
    public static double Brier(ReadOnlySpan<double> scores, ReadOnlySpan<bool> clicked)
    {
        if (scores.Length == 0) return double.NaN;
        double sum = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var gap = (clicked[i] ? 1.0 : 0.0) - scores[i];
            sum += gap * gap;
        }
        return sum / scores.Length;
    }

    /// <summary>Over uniform bins of the given scores: Σ count/N × |observed rate − mean predicted|, over non-empty bins.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> scores, ReadOnlySpan<bool> clicked, int bins)
    {
        if (scores.Length == 0) return double.NaN;
        double ece = 0;
        foreach (var bin in ReliabilityCurve.Compute(scores, clicked, bins, BinStrategy.Uniform))
            ece += (double)bin.Count / scores.Length * Math.Abs(bin.FractionPositive - bin.MeanPredicted);
        return ece;
    }
}
