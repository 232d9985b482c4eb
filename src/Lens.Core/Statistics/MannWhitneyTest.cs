namespace Lens.Core.Statistics;

/// <summary>
/// The Mann-Whitney U test of candidate against baseline, as SciPy 1.10 computes
/// <c>mannwhitneyu(candidate, baseline, alternative, method="asymptotic", use_continuity=True)</c>: exact mid-ranks,
/// the normal approximation with the tie correction σ_U² = n₁n₂/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1))) and the
/// continuity correction, and U reported for the candidate. Checked against SciPy in Fixtures/mannwhitney.json.
/// With the test come the common-language effect size and the Hodges–Lehmann shift with its Moses interval
/// (<see cref="HodgesLehmann"/>). Everything works on <see cref="TiedSample"/>s, so a latency histogram is judged
/// without expanding it (<see cref="HistogramMannWhitney"/>).
/// </summary>
public static class MannWhitneyTest
{
    public const double DefaultConfidence = 0.95;

    public static MannWhitneyResult Compare(IEnumerable<double> baseline, IEnumerable<double> candidate,
        MannWhitneyAlternative alternative = MannWhitneyAlternative.TwoSided, double confidence = DefaultConfidence) =>
        Compare(TiedSample.FromValues(baseline), TiedSample.FromValues(candidate), alternative, confidence);

    public static MannWhitneyResult Compare(TiedSample baseline, TiedSample candidate,
        MannWhitneyAlternative alternative = MannWhitneyAlternative.TwoSided, double confidence = DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Total == 0 || candidate.Total == 0) throw new ArgumentException("Both baseline and candidate need at least one value.");
        if (confidence is not (> 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence is a fraction strictly between 0 and 1.");

        var u = CandidateU(baseline, candidate);
        var sigma = StandardDeviationOfU(baseline.Total, candidate.Total, TieTerm(baseline, candidate));
        var pairs = (double)PairwiseDifferences.PairCount(candidate, baseline);
        return new MannWhitneyResult(
            u,
            PValue(u, baseline.Total, candidate.Total, sigma, alternative),
            alternative,
            baseline.Total,
            candidate.Total,
            u / pairs,
            HodgesLehmann.Shift(baseline, candidate),
            HodgesLehmann.MosesInterval(baseline, candidate, sigma, confidence));
    }

    /// <summary>
    /// The candidate's U: pairs where the candidate value is larger, ties counting ½. Equal to the candidate's rank sum
    /// minus n₁(n₁ + 1)/2, counted here in whole half-units so it is exact.
    /// </summary>
    public static double CandidateU(TiedSample baseline, TiedSample candidate)
    {
        var x = candidate.Values;
        var cx = candidate.Counts;
        var y = baseline.Values;
        var cy = baseline.Counts;
        long twiceU = 0;
        long below = 0;
        var j = 0;
        for (var i = 0; i < x.Length; i++)
        {
            while (j < y.Length && y[j] < x[i]) below += cy[j++];
            var equal = j < y.Length && y[j] == x[i] ? cy[j] : 0;
            twiceU = checked(twiceU + cx[i] * (2 * below + equal));
        }
        return twiceU / 2.0;
    }

    /// <summary>Σ(t³ − t) over the tie groups of the pooled sample, t the size of each group.</summary>
    public static double TieTerm(TiedSample baseline, TiedSample candidate)
    {
        var x = candidate.Values;
        var cx = candidate.Counts;
        var y = baseline.Values;
        var cy = baseline.Counts;
        var sum = 0.0;
        int i = 0, j = 0;
        while (i < x.Length || j < y.Length)
        {
            long t;
            if (j == y.Length || (i < x.Length && x[i] < y[j])) t = cx[i++];
            else if (i == x.Length || y[j] < x[i]) t = cy[j++];
            else t = cx[i++] + cy[j++];
            sum += (double)t * t * t - t;
        }
        return sum;
    }

    /// <summary>σ_U with the tie correction, in the order SciPy evaluates it.</summary>
    public static double StandardDeviationOfU(long nBaseline, long nCandidate, double tieTerm)
    {
        var n = (double)nBaseline + nCandidate;
        return Math.Sqrt((double)nCandidate * nBaseline / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
    }

    /// <summary>
    /// The asymptotic p-value of the candidate's U, continuity-corrected. SciPy always reads the upper tail of the
    /// statistic it tests (U₁ for greater, U₂ = n₁n₂ − U₁ for less, the larger of the two doubled for two-sided), so the
    /// correction always subtracts ½. When every value is tied σ_U is 0, z is −∞ and p is 1.
    /// </summary>
    public static double PValue(double candidateU, long nBaseline, long nCandidate, double sigmaU, MannWhitneyAlternative alternative)
    {
        var pairs = (double)nCandidate * nBaseline;
        var otherU = pairs - candidateU;
        var (u, factor) = alternative switch
        {
            MannWhitneyAlternative.Greater => (candidateU, 1.0),
            MannWhitneyAlternative.Less => (otherU, 1.0),
            _ => (Math.Max(candidateU, otherU), 2.0),
        };
        var z = (u - pairs / 2 - 0.5) / sigmaU;
        return Math.Clamp(factor * NormalDistribution.SurvivalFunction(z), 0, 1);
    }
}
