namespace Lens.Core.Statistics;

/// <summary>
/// The standard normal distribution: density, distribution and survival functions and their inverses, accurate in
/// the tails (a p-value of 1e-200 keeps its digits). Agrees with SciPy's <c>norm.sf</c> and <c>norm.isf</c> to a
/// relative 1e-12 (Fixtures/normal.json), which is what lets rank tests match SciPy's p-values.
/// </summary>
public static class NormalDistribution
{
    /// <summary>z for a two-sided 95% interval (the 97.5% quantile).</summary>
    public const double Z95 = 1.959963984540054;

    private static readonly double InverseSqrtTwo = 1 / Math.Sqrt(2);
    private static readonly double InverseSqrtTwoPi = 1 / Math.Sqrt(2 * Math.PI);

    public static double Density(double z) => InverseSqrtTwoPi * ExpMinusHalfSquare(z);

    /// <summary>P(Z ≤ z).</summary>
    public static double Cdf(double z) => SurvivalFunction(-z);

    /// <summary>P(Z &gt; z) = erfc(z/√2)/2, as SciPy's <c>norm.sf</c>.</summary>
    public static double SurvivalFunction(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        var x = z * InverseSqrtTwo;
        if (x < 1) return 0.5 * ErrorFunction.Erfc(x);
        // In the upper tail e^(−z²/2) comes from z itself, not from the rounded z/√2 squared.
        return 0.5 * ErrorFunction.ScaledErfc(x) * ExpMinusHalfSquare(z);
    }

    /// <summary>The z with P(Z &gt; z) = tail, as SciPy's <c>norm.isf</c>: 1.959964 for 0.025.</summary>
    public static double UpperQuantile(double tail)
    {
        if (!(tail > 0 && tail < 1)) throw new ArgumentOutOfRangeException(nameof(tail), tail, "A tail probability is strictly between 0 and 1.");
        if (tail == 0.5) return 0;
        // 1 − tail is exact for tail ≥ 0.5, so the lower half costs no accuracy.
        if (tail > 0.5) return -UpperQuantile(1 - tail);

        // Newton's method on g(z) = ln sf(z) − ln tail, whose slope is minus the hazard φ(z)/sf(z). ln sf is concave, so
        // from a start beyond the root every iterate stays beyond it and falls to it monotonically. sf(z) ≤ e^(−z²/2)/2
        // for z ≥ 0, so z₀ = √(−2 ln tail) is beyond the root.
        var target = Math.Log(tail);
        var z = Math.Sqrt(-2 * target);
        for (var i = 0; i < 200; i++)
        {
            var step = (LogSurvivalFunction(z) - target) / Hazard(z);
            z += step;
            if (Math.Abs(step) <= 1e-15 * z) break;
        }
        return z;
    }

    /// <summary>The z with P(Z ≤ z) = p.</summary>
    public static double Quantile(double p) => -UpperQuantile(p);

    // ln sf(z) for z ≥ 0, finite however far out z is (sf itself underflows beyond z ≈ 38.5).
    private static double LogSurvivalFunction(double z)
    {
        var x = z * InverseSqrtTwo;
        return x < 1 ? Math.Log(0.5 * ErrorFunction.Erfc(x)) : Math.Log(0.5 * ErrorFunction.ScaledErfc(x)) - z * z / 2;
    }

    // φ(z)/sf(z) for z ≥ 0; in the tail e^(−z²/2) cancels, so it neither underflows nor divides zero by zero.
    private static double Hazard(double z)
    {
        var x = z * InverseSqrtTwo;
        return x < 1 ? Density(z) / (0.5 * ErrorFunction.Erfc(x)) : InverseSqrtTwoPi / (0.5 * ErrorFunction.ScaledErfc(x));
    }

    // e^(−z²/2) with z split into a head of at most 22 significant bits, whose square is exact, and a small remainder:
    // z² = h² + (z − h)(z + h). Computing z·z directly would carry a relative error of z²·2⁻⁵³ into a tail probability.
    private static double ExpMinusHalfSquare(double z)
    {
        z = Math.Abs(z);
        if (z > 60) return 0;
        var head = Math.Truncate(z * 65536) / 65536;
        return Math.Exp(-head * head / 2) * Math.Exp(-(z - head) * (z + head) / 2);
    }
}
