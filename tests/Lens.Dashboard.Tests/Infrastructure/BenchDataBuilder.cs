namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>Writes a pinned query set (queries TSV and qrels) to a temporary folder and names its files for config.</summary>
public sealed class BenchDataBuilder
{
    private readonly List<(string Qid, string Query)> _queries = [];
    private readonly List<string> _qrels = [];

    public BenchDataBuilder Query(string qid, string query, params (string File, int Rel)[] judgments)
    {
        _queries.Add((qid, query));
        _qrels.AddRange(judgments.Select(j => $"{qid} 0 {j.File} {j.Rel}"));
        return this;
    }

    public (string Queries, string Qrels) WriteTo(string folder, string name)
    {
        var queries = Path.Combine(folder, name + ".queries.tsv");
        var qrels = Path.Combine(folder, name + ".qrels");
        File.WriteAllLines(queries, _queries.Select(q => $"{q.Qid}\t{q.Query}"));
        File.WriteAllLines(qrels, _qrels);
        return (queries, qrels);
    }
}
