namespace Lens.Core.Statistics;

/// <summary>
/// Pearson's chi-square goodness-of-fit test of observed counts against expected shares: the statistic
/// Σ (O − E)² / E with E = N · share, on k − 1 degrees of freedom, as SciPy's <c>chisquare</c> computes it.
/// </summary>
public static class ChiSquareTest
{
    public static ChiSquareResult GoodnessOfFit(IReadOnlyList<long> observed, IReadOnlyList<double> expectedShares)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(expectedShares);
        if (observed.Count != expectedShares.Count)
            throw new ArgumentException("Give one expected share per observed count.", nameof(expectedShares));
        if (observed.Count < 2) throw new ArgumentException("A goodness-of-fit test needs at least two categories.", nameof(observed));
        if (observed.Any(o => o < 0)) throw new ArgumentOutOfRangeException(nameof(observed), "Counts cannot be negative.");
        if (expectedShares.Any(s => !(s > 0) || s > 1)) throw new ArgumentOutOfRangeException(nameof(expectedShares), "Every expected share must be above 0 and at most 1.");
        var totalShare = expectedShares.Sum();
        if (Math.Abs(totalShare - 1) > 1e-9) throw new ArgumentException($"Expected shares must add up to 1, not {totalShare}.", nameof(expectedShares));

        var n = observed.Sum();
        if (n == 0) return new ChiSquareResult(0, observed.Count - 1, 1, 0);
        var statistic = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = n * expectedShares[i];
            var difference = observed[i] - expected;
            statistic += difference * difference / expected;
        }
        var dof = observed.Count - 1;
        return new ChiSquareResult(statistic, dof, Gamma.UpperRegularized(dof / 2.0, statistic / 2), n);
    }
}
