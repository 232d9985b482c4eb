namespace Lens.Core.Calibration;

/// <summary>How well scores match click rates: the Brier score and the expected calibration error.</summary>
public static class CalibrationMetrics
{
    /// <summary>scikit-learn's <c>brier_score_loss</c>: the mean squared gap between score and outcome.</summary>
    public static double Brier(ScoreCount[] histogram)
    {
        double sum = 0;
        long n = 0;
        foreach (var c in histogram)
        {
            sum += c.Clicks * (1 - c.Score) * (1 - c.Score) + (c.Impressions - c.Clicks) * c.Score * c.Score;
            n += c.Impressions;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>From a uniform curve: Σ count/N × |observed rate − mean predicted|, over its (non-empty) bins.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<ReliabilityBin> uniformCurve)
    {
        long n = uniformCurve.Sum(b => (long)b.Count);
        if (n == 0) return double.NaN;
        double ece = 0;
        foreach (var bin in uniformCurve) ece += (double)bin.Count / n * Math.Abs(bin.FractionPositive - bin.MeanPredicted);
        return ece;
    }
}
