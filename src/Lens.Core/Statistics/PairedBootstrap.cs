namespace Lens.Core.Statistics;

/// <summary>
/// The paired bootstrap over queries (Efron and Tibshirani, ch. 13, percentile interval): resample the queries with
/// replacement, take the mean of the per-query differences in each resample, and read the interval off the
/// α/2 and 1−α/2 quantiles of those means (<see cref="Percentile.OfSorted"/>: the smallest resampled mean m with
/// F(m) ≥ p). Every measure uses the same resamples, so the intervals are comparable, and a fixed seed makes a bench
/// reproducible.
/// </summary>
public sealed class PairedBootstrap
{
    public PairedBootstrap(int iterations = 2000, double confidence = 0.95, int seed = 20261122)
    {
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "at least one resample");
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a fraction between 0 and 1");
        Iterations = iterations;
        Confidence = confidence;
        Seed = seed;
    }

    public int Iterations { get; }
    public double Confidence { get; }
    public int Seed { get; }

    /// <summary>One interval per array of per-query differences; all arrays pair the same queries in the same order.</summary>
    public IReadOnlyList<ConfidenceInterval> Intervals(IReadOnlyList<double[]> differences)
    {
        if (differences.Count == 0) return [];
        var n = differences[0].Length;
        if (differences.Any(d => d.Length != n)) throw new ArgumentException("Every measure must pair the same queries.", nameof(differences));
        if (n == 0) throw new ArgumentException("There are no queries to resample.", nameof(differences));

        var means = new double[differences.Count][];
        for (var m = 0; m < means.Length; m++) means[m] = new double[Iterations];
        var random = new Random(Seed);
        var sums = new double[differences.Count];
        for (var b = 0; b < Iterations; b++)
        {
            Array.Clear(sums);
            for (var i = 0; i < n; i++)
            {
                var q = random.Next(n);
                for (var m = 0; m < sums.Length; m++) sums[m] += differences[m][q];
            }
            for (var m = 0; m < sums.Length; m++) means[m][b] = sums[m] / n;
        }

        var alpha = 1 - Confidence;
        return means.Select(values =>
        {
            Array.Sort(values);
            return new ConfidenceInterval(Percentile.OfSorted(values, alpha / 2), Percentile.OfSorted(values, 1 - alpha / 2), Confidence);
        }).ToArray();
    }
}
