namespace Lens.Core.Calibration;

/// <summary>
/// An increasing isotonic map from score to click probability, fitted exactly as scikit-learn 1.2's
/// <c>IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1)</c>: equal scores are pooled first
/// (scores closer than 1e-15 count as equal), the pooled means are fitted by pool-adjacent-violators with their counts
/// as weights and clipped to [0, 1], and points whose value equals both neighbours' are dropped. Between thresholds it
/// interpolates linearly; outside them it clips.
/// </summary>
public sealed class IsotonicCalibration
{
    private const double Resolution = 1e-15;

    private IsotonicCalibration(double[] x, double[] y)
    {
        X = x;
        Y = y;
    }

    /// <summary>scikit-learn's <c>X_thresholds_</c>.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>scikit-learn's <c>y_thresholds_</c>.</summary>
    public IReadOnlyList<double> Y { get; }

    public static IsotonicCalibration FromThresholds(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count == 0 || x.Count != y.Count) throw new ArgumentException("A calibration map needs as many outputs as thresholds, and at least one.");
        return new IsotonicCalibration([.. x], [.. y]);
    }

    public static IsotonicCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> clicked)
    {
        if (scores.Length == 0 || scores.Length != clicked.Length) throw new ArgumentException("Fitting needs scores, each with its click.");
        return Fit(ScoreHistogram.From(scores, clicked));
    }

    /// <summary>Fits impressions grouped by score (increasing order), as if each had been passed one by one.</summary>
    public static IsotonicCalibration Fit(ScoreCount[] histogram)
    {
        if (histogram.Length == 0) throw new ArgumentException("Fitting needs at least one impression.", nameof(histogram));
        var xs = new List<double>();
        var ys = new List<double>();
        var ws = new List<double>();
        var currentX = histogram[0].Score;
        double clicks = 0, weight = 0;
        foreach (var c in histogram)
        {
            if (c.Score - currentX >= Resolution)
            {
                xs.Add(currentX);
                ys.Add(clicks / weight);
                ws.Add(weight);
                currentX = c.Score;
                clicks = 0;
                weight = 0;
            }
            clicks += c.Clicks;
            weight += c.Impressions;
        }
        xs.Add(currentX);
        ys.Add(clicks / weight);
        ws.Add(weight);

        var fitted = PoolAdjacentViolators(ys, ws);
        for (var i = 0; i < fitted.Length; i++) fitted[i] = Math.Clamp(fitted[i], 0.0, 1.0);

        var keptX = new List<double>(fitted.Length);
        var keptY = new List<double>(fitted.Length);
        for (var i = 0; i < fitted.Length; i++)
        {
            var inner = i > 0 && i < fitted.Length - 1;
            if (inner && fitted[i] == fitted[i - 1] && fitted[i] == fitted[i + 1]) continue;
            keptX.Add(xs[i]);
            keptY.Add(fitted[i]);
        }
        return new IsotonicCalibration([.. keptX], [.. keptY]);
    }

    /// <summary>Weighted isotonic (increasing) least squares: adjacent blocks that violate the order are merged into their weighted mean.</summary>
    private static double[] PoolAdjacentViolators(List<double> values, List<double> weights)
    {
        var n = values.Count;
        var blockValue = new double[n];
        var blockWeight = new double[n];
        var blockEnd = new int[n];
        var blocks = 0;
        for (var i = 0; i < n; i++)
        {
            blockValue[blocks] = values[i];
            blockWeight[blocks] = weights[i];
            blockEnd[blocks] = i;
            blocks++;
            while (blocks > 1 && blockValue[blocks - 2] >= blockValue[blocks - 1])
            {
                var w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockValue[blocks - 2] = (blockValue[blocks - 2] * blockWeight[blocks - 2] + blockValue[blocks - 1] * blockWeight[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockEnd[blocks - 2] = blockEnd[blocks - 1];
                blocks--;
            }
        }
        var result = new double[n];
        var start = 0;
        for (var b = 0; b < blocks; b++)
        {
            for (var i = start; i <= blockEnd[b]; i++) result[i] = blockValue[b];
            start = blockEnd[b] + 1;
        }
        return result;
    }

    /// <summary>The calibrated probability of a score: clipped to the fitted range, linear between thresholds.</summary>
    public double Apply(double score)
    {
        var x = (double[])X;
        var y = (double[])Y;
        if (score <= x[0]) return y[0];
        if (score >= x[^1]) return y[^1];
        var hi = Array.BinarySearch(x, score);
        if (hi >= 0) return y[hi];
        hi = ~hi;
        var lo = hi - 1;
        return y[lo] + (score - x[lo]) * (y[hi] - y[lo]) / (x[hi] - x[lo]);
    }
}
