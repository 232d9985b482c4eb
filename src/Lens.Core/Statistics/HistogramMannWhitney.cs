using Lens.Core.Metrics;

namespace Lens.Core.Statistics;

/// <summary>
/// The Mann-Whitney judgement of a stage window from what it keeps: one <see cref="LatencyHistogram"/> per variant.
/// Every latency in a bucket counts as tied at the bucket's representative value, and the bucket pairs stand in for the
/// n₁n₂ sample pairs (weighted by their count products), so the cost depends on the number of buckets, not of requests.
/// <para>What the buckets cost, against the exact latencies. A bucket spans (v/(1 + α), v/(1 − α)] around its value v,
/// α = <see cref="LatencyHistogram.RelativeAccuracy"/> = 1%: about 2% wide, and every latency is reported within 1% of
/// itself. Hence:</para>
/// <list type="bullet">
/// <item>The p-value is that of the Mann-Whitney test on latencies rounded to 1%. Rounding is the same function for both
/// variants, so when they have the same distribution their rounded latencies do too: the p-value stays valid (the
/// false-alarm rate is unchanged). What is lost is resolution below a bucket: pairs within one bucket count as ties.
/// U moves by at most half the number of such pairs (<see cref="HistogramMannWhitneyResult.UErrorBound"/>), and the
/// p-value exact latencies would give lies in <see cref="HistogramMannWhitneyResult.ExactP"/> (U anywhere in U ± that
/// bound, σ_U between the bucketed tie correction and none).</item>
/// <item>The Hodges–Lehmann shift moves by the rounding of the pairs around the median difference, at most 1% of each
/// latency: |ΔHL| ≤ α·(x + y) for those pairs, in practice well under α·(median baseline + median candidate) (the
/// tests check this on log-normal latencies). The exact shift is guaranteed to lie in
/// <see cref="HistogramMannWhitneyResult.ExactShift"/>: the same median taken over bucket edges, lower candidate edges
/// minus upper baseline edges and the other way round.</item>
/// <item>The common-language effect size U/(n₁n₂) moves by at most UErrorBound/(n₁n₂), half the chance that two
/// latencies share a bucket (about 0.6% for latencies spread like a log-normal with σ = 0.5).</item>
/// </list>
/// Latencies are taken as non-negative: bucket 0 spans [0, its upper edge]. The top bucket also holds clamped latencies
/// above an hour, so its upper edge is infinite and so may the range of the exact shift be.
/// </summary>
public static class HistogramMannWhitney
{
    /// <summary>Null while either histogram is empty: there is nothing to judge yet.</summary>
    public static HistogramMannWhitneyResult? Compare(LatencyHistogram baseline, LatencyHistogram candidate,
        MannWhitneyAlternative alternative = MannWhitneyAlternative.TwoSided, double confidence = MannWhitneyTest.DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Count == 0 || candidate.Count == 0) return null;

        var baselineSample = TiedSample.FromHistogram(baseline);
        var candidateSample = TiedSample.FromHistogram(candidate);
        var test = MannWhitneyTest.Compare(baselineSample, candidateSample, alternative, confidence);
        var uError = SharedBucketPairs(baseline, candidate) / 2;
        var tieCorrected = MannWhitneyTest.StandardDeviationOfU(baseline.Count, candidate.Count, MannWhitneyTest.TieTerm(baselineSample, candidateSample));
        var untied = MannWhitneyTest.StandardDeviationOfU(baseline.Count, candidate.Count, 0);
        var exactP = PRange(test.U, uError, baseline.Count, candidate.Count, tieCorrected, untied, alternative);
        var exactShift = new ValueRange(
            PairwiseDifferences.Median(TiedSample.FromHistogram(candidate, LatencyHistogram.LowerEdgeOf), TiedSample.FromHistogram(baseline, LatencyHistogram.UpperEdgeOf)),
            PairwiseDifferences.Median(TiedSample.FromHistogram(candidate, LatencyHistogram.UpperEdgeOf), TiedSample.FromHistogram(baseline, LatencyHistogram.LowerEdgeOf)));
        return new HistogramMannWhitneyResult(test, uError, exactP, exactShift);
    }

    // Σ over buckets of n_baseline · n_candidate: the pairs whose order the histogram cannot see.
    private static double SharedBucketPairs(LatencyHistogram baseline, LatencyHistogram candidate)
    {
        var b = baseline.BucketCounts;
        var c = candidate.BucketCounts;
        var pairs = 0.0;
        for (var i = 0; i < b.Length; i++) pairs += (double)b[i] * c[i];
        return pairs;
    }

    // p is monotone in σ for a fixed U and, for a fixed σ, monotone in U (one-sided) or largest at U = n₁n₂/2 (two-sided),
    // so its extremes over the box of possible (U, σ) lie at the corners or at the centre.
    private static ValueRange PRange(double u, double uError, long nBaseline, long nCandidate, double tieCorrected, double untied, MannWhitneyAlternative alternative)
    {
        var pairs = (double)nBaseline * nCandidate;
        var low = Math.Max(0, u - uError);
        var high = Math.Min(pairs, u + uError);
        var candidates = new List<double> { low, high };
        if (low <= pairs / 2 && pairs / 2 <= high) candidates.Add(pairs / 2);
        var ps = candidates.SelectMany(candidateU => new[] { tieCorrected, untied }.Select(sigma =>
            MannWhitneyTest.PValue(candidateU, nBaseline, nCandidate, sigma, alternative))).ToArray();
        return new ValueRange(ps.Min(), ps.Max());
    }
}
