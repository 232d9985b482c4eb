namespace Lens.Core.Calibration;

/// <summary>
/// τ: among the distinct calibrated values, the t whose mean over queries of #(calibrated score ≥ t) is closest to
/// the target; on a tie, the larger t (fewer, better results).
/// </summary>
public static class TauSolver
{
    public static TauChoice Solve(ReadOnlySpan<double> calibrated, int queries, double target)
    {
        if (calibrated.Length == 0 || queries <= 0) throw new ArgumentException("τ needs calibrated scores from at least one query.");
        var sorted = calibrated.ToArray();
        Array.Sort(sorted);
        double bestT = double.NaN, bestMean = double.NaN, bestGap = double.PositiveInfinity;
        // Walking distinct values from the top: the count at or above t grows as t falls.
        var i = sorted.Length - 1;
        while (i >= 0)
        {
            var t = sorted[i];
            while (i >= 0 && sorted[i] == t) i--;
            var atOrAbove = sorted.Length - 1 - i;
            var mean = (double)atOrAbove / queries;
            var gap = Math.Abs(mean - target);
            // Strictly better only: going down, an equal gap keeps the larger t found first.
            if (gap < bestGap)
            {
                bestGap = gap;
                bestT = t;
                bestMean = mean;
            }
        }
        return new TauChoice(target, bestT, bestMean);
    }
}
