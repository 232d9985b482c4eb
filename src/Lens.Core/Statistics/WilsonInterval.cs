namespace Lens.Core.Statistics;

/// <summary>The 95% Wilson score interval for a share: honest near 0 and 1 and on few trials, where the normal one is not.</summary>
public static class WilsonInterval
{
    /// <summary>For k successes in n trials; (0, 1) when there are no trials.</summary>
    public static (double Lower, double Upper) Of(long k, long n)
    {
        if (n == 0) return (0, 1);
        var p = (double)k / n;
        var z2 = NormalDistribution.Z95 * NormalDistribution.Z95;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = NormalDistribution.Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
