using Lens.Core.Bench;

namespace Lens.Dashboard.Features.Bench;

/// <summary>A pinned query set with its judgments, read from disk.</summary>
public sealed record PinnedDataset(string Name, IReadOnlyList<(string Qid, string Query)> Queries, Dictionary<string, Dictionary<string, int>> Qrels)
{
    public static PinnedDataset Load(string name, BenchDatasetOptions options, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(options.Queries) || string.IsNullOrWhiteSpace(options.Qrels))
            throw new BenchRequestException("dataset", $"The dataset '{name}' needs both a queries file and a qrels file.");
        var queriesPath = Path.GetFullPath(options.Queries, contentRoot);
        var qrelsPath = Path.GetFullPath(options.Qrels, contentRoot);
        foreach (var path in new[] { queriesPath, qrelsPath })
            if (!File.Exists(path)) throw new BenchRequestException("dataset", $"The dataset '{name}' file {path} does not exist.");

        var queries = new List<(string, string)>();
        var number = 0;
        foreach (var line in File.ReadLines(queriesPath))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0 || tab == line.Length - 1)
                throw new TrecFormatException(queriesPath, number, "a query line is qid<TAB>query text.");
            queries.Add((line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }
        using var reader = File.OpenText(qrelsPath);
        return new PinnedDataset(name, queries, TrecFiles.ReadQrels(reader, qrelsPath));
    }
}
