namespace Lens.Core.Bench;

/// <summary>Measure values per query (queries in ordinal qid order) and their means over the evaluated queries.</summary>
public sealed record TrecEvaluation(
    IReadOnlyList<TrecMeasure> Measures,
    IReadOnlyList<(string Qid, double[] Values)> PerQuery,
    double[] Means);
