namespace Lens.LoadDriver;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of raw samples.</summary>
    public static double Of(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Count)) - 1];
}
