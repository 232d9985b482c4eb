namespace Lens.Core.Statistics;

/// <summary>
/// A Mann-Whitney judgement made from two latency histograms, with how far the exact-sample figures can be from it.
/// <para><see cref="Test"/> is the test of the bucketed values: every latency at its bucket's representative value, a
/// bucket being one tie group. <see cref="UErrorBound"/> bounds |U_exact − U| (half the pairs that share a bucket);
/// <see cref="ExactP"/> is the range of p-values exact samples consistent with these histograms could give, and
/// <see cref="ExactShift"/> the range their Hodges–Lehmann shift must lie in (from the buckets' edges).</para>
/// </summary>
public sealed record HistogramMannWhitneyResult(MannWhitneyResult Test, double UErrorBound, ValueRange ExactP, ValueRange ExactShift);
