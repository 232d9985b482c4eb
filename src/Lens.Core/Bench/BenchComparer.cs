using Lens.Core.Statistics;

namespace Lens.Core.Bench;

/// <summary>
/// Compares a candidate's evaluation with the baseline's. The delta is the difference of trec_eval's means, so it
/// matches what trec_eval prints for each run. The interval pairs queries over the union of both evaluations; a query
/// one side did not answer scores 0 there, so a candidate cannot look better by dropping the queries it finds hard.
/// </summary>
public static class BenchComparer
{
    public static IReadOnlyList<MeasureComparison> Compare(TrecEvaluation baseline, TrecEvaluation candidate, PairedBootstrap bootstrap)
    {
        if (!baseline.Measures.SequenceEqual(candidate.Measures))
            throw new ArgumentException("Both evaluations must use the same measures.", nameof(candidate));
        var baseValues = baseline.PerQuery.ToDictionary(q => q.Qid, q => q.Values, StringComparer.Ordinal);
        var candValues = candidate.PerQuery.ToDictionary(q => q.Qid, q => q.Values, StringComparer.Ordinal);
        var qids = baseValues.Keys.Union(candValues.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (qids.Length == 0) return [];

        var measures = candidate.Measures;
        var differences = new double[measures.Count][];
        for (var m = 0; m < measures.Count; m++)
        {
            differences[m] = new double[qids.Length];
            for (var i = 0; i < qids.Length; i++)
            {
                var c = candValues.TryGetValue(qids[i], out var cv) ? cv[m] : 0;
                var b = baseValues.TryGetValue(qids[i], out var bv) ? bv[m] : 0;
                differences[m][i] = c - b;
            }
        }
        var intervals = bootstrap.Intervals(differences);
        return measures.Select((measure, m) => new MeasureComparison(
            measure.Name, baseline.Means[m], candidate.Means[m], candidate.Means[m] - baseline.Means[m], intervals[m], qids.Length)).ToArray();
    }
}
