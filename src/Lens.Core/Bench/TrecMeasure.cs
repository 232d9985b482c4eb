using System.Globalization;

namespace Lens.Core.Bench;

/// <summary>A measure by its trec_eval name: <c>map</c>, <c>recip_rank</c>, <c>P_k</c>, <c>recall_k</c>, <c>ndcg_cut_k</c>.</summary>
public sealed record TrecMeasure(string Family, int Cutoff)
{
    // trec_eval prints measures in the order of its measure table, not the order asked for.
    private static readonly string[] TableOrder = ["map", "recip_rank", "P", "recall", "ndcg_cut"];

    public string Name => Cutoff > 0 ? $"{Family}_{Cutoff}" : Family;

    public int Order => Array.IndexOf(TableOrder, Family) * 100_000 + Cutoff;

    /// <summary>The name people read in reports: nDCG@10 for ndcg_cut_10, P@1 for P_1.</summary>
    public string DisplayName => Family switch
    {
        "map" => "MAP",
        "recip_rank" => "MRR",
        "P" => $"P@{Cutoff}",
        "recall" => $"Recall@{Cutoff}",
        "ndcg_cut" => $"nDCG@{Cutoff}",
        _ => Name,
    };

    /// <summary>The display name of a trec_eval measure name, or the name itself when it is not one.</summary>
    public static string DisplayNameOf(string name)
    {
        try { return Parse(name).DisplayName; }
        catch (ArgumentException) { return name; }
    }

    public static IReadOnlyList<TrecMeasure> Defaults { get; } =
        [new("map", 0), new("recip_rank", 0), new("P", 1), new("recall", 50), new("ndcg_cut", 10)];

    public static TrecMeasure Parse(string name)
    {
        if (name is "map" or "recip_rank") return new TrecMeasure(name, 0);
        foreach (var family in new[] { "ndcg_cut", "recall", "P" })
        {
            var prefix = family + "_";
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0)
                return new TrecMeasure(family, k);
        }
        throw new ArgumentException($"Unknown measure '{name}'. Known: map, recip_rank, P_k, recall_k, ndcg_cut_k (k a positive whole number).");
    }
}
