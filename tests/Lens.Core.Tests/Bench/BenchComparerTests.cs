using Lens.Core.Bench;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Bench;

public class BenchComparerTests
{
    private static readonly TrecMeasure[] Measures = [new("P", 1)];

    private static TrecEvaluation Evaluation(params (string Qid, double Value)[] queries) =>
        new(Measures, queries.Select(q => (q.Qid, new[] { q.Value })).ToArray(), [queries.Length == 0 ? 0 : queries.Average(q => q.Value)]);

    [Fact]
    public void Compare_SameQueries_DeltaIsDifferenceOfMeans()
    {
        var comparison = BenchComparer.Compare(Evaluation(("q1", 0.5), ("q2", 0.5)), Evaluation(("q1", 1.0), ("q2", 0.5)), new PairedBootstrap(1000))[0];

        Assert.Equal("P_1", comparison.Measure);
        Assert.Equal(0.25, comparison.Delta, 12);
        Assert.Equal(2, comparison.PairedQueries);
        // Resamples of the differences (0.5, 0) have means 0, 0.25 or 0.5.
        Assert.Equal(0.0, comparison.Interval.Lower, 12);
        Assert.Equal(0.5, comparison.Interval.Upper, 12);
    }

    [Fact]
    public void Compare_CandidateMissesAQuery_ItCountsAsZeroInThePairing()
    {
        // trec_eval would average the candidate over q1 only (1.0); paired, its missing q2 is a loss of 1.0.
        var comparison = BenchComparer.Compare(Evaluation(("q1", 1.0), ("q2", 1.0)), Evaluation(("q1", 1.0)), new PairedBootstrap(2000, 0.95, 7))[0];

        Assert.Equal(2, comparison.PairedQueries);
        Assert.Equal(0.0, comparison.Delta, 12);
        Assert.Equal(-1.0, comparison.Interval.Lower, 12);
        Assert.Equal(0.0, comparison.Interval.Upper, 12);
    }
}
