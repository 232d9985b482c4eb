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
        foreach (var (number, f) in Records(reader, file, "qrels", "qid iter docno rel"))
        {
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
        foreach (var (number, f) in Records(reader, file, "run", "qid Q0 docno rank score tag"))
        {
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

    /// <summary>The non-blank lines as whitespace-separated fields, each with its 1-based line number; a line with the
    /// wrong number of fields is refused naming the file and the line.</summary>
    private static IEnumerable<(int Number, string[] Fields)> Records(TextReader reader, string file, string kind, string layout)
    {
        var expected = layout.Split(' ').Length;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != expected)
                throw new TrecFormatException(file, number, $"a {kind} line has {expected} fields ({layout}), this one has {fields.Length}.");
            yield return (number, fields);
        }
    }
}
