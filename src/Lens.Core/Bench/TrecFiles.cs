using System.Globalization;

namespace Lens.Core.Bench;

/// <summary>
/// Reads TREC qrels (<c>qid iter docno rel</c>) and run files (<c>qid Q0 docno rank score tag</c>), whitespace
/// separated. The rank column is read but not used: like trec_eval, ranking is by score.
/// </summary>
public static class TrecFiles
{
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(TextReader reader, string file)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 4) throw new TrecFormatException(file, number, $"a qrels line has 4 fields (qid iter docno rel), this one has {f.Length}.");
            if (!int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rel))
                throw new TrecFormatException(file, number, $"relevance '{f[3]}' is not a whole number.");
            if (!qrels.TryGetValue(f[0], out var judged)) qrels[f[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            if (!judged.TryAdd(f[2], rel)) throw new TrecFormatException(file, number, $"document '{f[2]}' is judged twice for query '{f[0]}'.");
        }
        return qrels;
    }

    public static Dictionary<string, List<TrecResult>> ReadRun(TextReader reader, string file)
    {
        var run = new Dictionary<string, List<TrecResult>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 6) throw new TrecFormatException(file, number, $"a run line has 6 fields (qid Q0 docno rank score tag), this one has {f.Length}.");
            if (!long.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                throw new TrecFormatException(file, number, $"rank '{f[3]}' is not a whole number.");
            if (!double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
                throw new TrecFormatException(file, number, $"score '{f[4]}' is not a finite number.");
            if (!seen.Add((f[0], f[2]))) throw new TrecFormatException(file, number, $"document '{f[2]}' is retrieved twice for query '{f[0]}'.");
            if (!run.TryGetValue(f[0], out var results)) run[f[0]] = results = [];
            results.Add(new TrecResult(f[2], score));
        }
        return run;
    }
}
