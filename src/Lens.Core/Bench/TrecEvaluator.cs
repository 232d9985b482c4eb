namespace Lens.Core.Bench;

/// <summary>
/// Computes measures exactly as trec_eval 10.0 does (relevance level 1, no -c, no -J, no -M):
/// <list type="bullet">
/// <item>A run is ordered by score descending; equal scores by docno descending (byte order).</item>
/// <item>Only queries present in both the run and the qrels are evaluated, and the mean is over them; a query whose judgments are all 0 counts, scoring 0.</item>
/// <item>Relevant means rel ≥ 1. P_k divides by k; recall_k and map divide by the number of relevant judgments (0 when there are none).</item>
/// <item>ndcg_cut_k: gain is the rel value (rel ≤ 0 and unjudged documents add nothing); the document at rank r is
/// divided by log2(r + 1); the ideal ranking takes the judged levels from highest to 1.</item>
/// </list>
/// </summary>
public static class TrecEvaluator
{
    /// <summary>The reference these measures follow; stored with every bench, so numbers from another reference are never mixed in silently.</summary>
    public const string Reference = "trec_eval 10.0";

    /// <summary>What benches stored before this project followed trec_eval 10.0 were measured with (nDCG discounted from rank 2 by log2 r).</summary>
    public const string EarlierReference = "trec_eval 9";

    public static TrecEvaluation Evaluate(
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        IReadOnlyDictionary<string, List<TrecResult>> run,
        IReadOnlyList<TrecMeasure> measures)
    {
        var ordered = measures.Distinct().OrderBy(m => m.Order).ToArray();
        var qids = run.Keys.Where(qrels.ContainsKey).Order(StringComparer.Ordinal).ToArray();
        // Queries are independent, so they are scored side by side; the means are then summed in qid order, as before.
        var values = new double[qids.Length][];
        Parallel.For(0, qids.Length, i => values[i] = EvaluateQuery(qrels[qids[i]], run[qids[i]], ordered));
        var perQuery = new List<(string, double[])>(qids.Length);
        var sums = new double[ordered.Length];
        for (var q = 0; q < qids.Length; q++)
        {
            for (var m = 0; m < ordered.Length; m++) sums[m] += values[q][m];
            perQuery.Add((qids[q], values[q]));
        }
        var means = sums.Select(s => perQuery.Count == 0 ? 0 : s / perQuery.Count).ToArray();
        return new TrecEvaluation(ordered, perQuery, means);
    }

    private static double[] EvaluateQuery(Dictionary<string, int> judged, List<TrecResult> results, TrecMeasure[] measures)
    {
        var ranked = results.ToArray();
        Array.Sort(ranked, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(b.DocNo, a.DocNo));
        // Relevance of each ranked document; documents not in the qrels count as unjudged (never relevant, no gain).
        var rels = new int[ranked.Length];
        for (var i = 0; i < ranked.Length; i++) rels[i] = judged.TryGetValue(ranked[i].DocNo, out var rel) ? rel : -1;
        var numRel = judged.Values.Count(r => r >= 1);

        var values = new double[measures.Length];
        for (var m = 0; m < measures.Length; m++)
        {
            var measure = measures[m];
            values[m] = measure.Family switch
            {
                "map" => AveragePrecision(rels, numRel),
                "recip_rank" => ReciprocalRank(rels),
                "P" => (double)CountRelevant(rels, measure.Cutoff) / measure.Cutoff,
                "recall" => numRel == 0 ? 0 : (double)CountRelevant(rels, measure.Cutoff) / numRel,
                "ndcg_cut" => NdcgAt(rels, judged, measure.Cutoff),
                _ => throw new ArgumentOutOfRangeException(nameof(measures), measure.Family, "unknown measure family"),
            };
        }
        return values;
    }

    private static int CountRelevant(int[] rels, int cutoff)
    {
        var count = 0;
        for (var i = 0; i < Math.Min(cutoff, rels.Length); i++) if (rels[i] >= 1) count++;
        return count;
    }

    private static double AveragePrecision(int[] rels, int numRel)
    {
        if (numRel == 0) return 0;
        double sum = 0;
        var relSoFar = 0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (rels[i] < 1) continue;
            relSoFar++;
            sum += (double)relSoFar / (i + 1);
        }
        return sum / numRel;
    }

    private static double ReciprocalRank(int[] rels)
    {
        for (var i = 0; i < rels.Length; i++) if (rels[i] >= 1) return 1.0 / (i + 1);
        return 0;
    }

    private static double NdcgAt(int[] rels, Dictionary<string, int> judged, int cutoff)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(cutoff, rels.Length); i++)
            if (rels[i] > 0) dcg += Discounted(rels[i], i);

        var ideal = judged.Values.Where(r => r > 0).OrderByDescending(r => r).Take(cutoff).ToArray();
        double idcg = 0;
        for (var i = 0; i < ideal.Length; i++) idcg += Discounted(ideal[i], i);
        return idcg > 0 ? dcg / idcg : dcg;
    }

    // 0-based position i, rank r = i + 1: every rank is divided by log2(r + 1), as trec_eval 10.0 does (rank 1 by log2 2 = 1).
    // trec_eval 9 left rank 1 alone and divided rank r ≥ 2 by log2 r; benches stored before the change say so.
    private static double Discounted(int gain, int i) => gain / Math.Log2(i + 2);
}
