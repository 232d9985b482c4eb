namespace Lens.Core.Calibration;

/// <summary>
/// τ: among the distinct calibrated values, the t whose mean over queries of #(calibrated score ≥ t) is closest to
/// the target; on a tie, the larger t (fewer, better results).
/// </summary>
public static class TauSolver
{
    /// <summary>From the histogram of calibrated scores (increasing order) and the number of queries they came from.</summary>
    public static TauChoice Solve(ScoreCount[] calibrated, long queries, double target)
    {
        if (calibrated.Length == 0 || queries <= 0) throw new ArgumentException("τ needs calibrated scores from at least one query.");
        double bestT = double.NaN, bestMean = double.NaN, bestGap = double.PositiveInfinity;
        long atOrAbove = 0;
        // From the top down the count at or above t only grows; an equal gap further down keeps the larger t found first.
        for (var i = calibrated.Length - 1; i >= 0; i--)
        {
            atOrAbove += calibrated[i].Impressions;
            var mean = (double)atOrAbove / queries;
            var gap = Math.Abs(mean - target);
            if (gap < bestGap)
            {
                bestGap = gap;
                bestT = calibrated[i].Score;
                bestMean = mean;
            }
        }
        return new TauChoice(target, bestT, bestMean);
    }
}
