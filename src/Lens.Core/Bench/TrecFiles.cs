using System.Globalization;

namespace Lens.Core.Bench;

/// <summary>
/// Reads TREC qrels (<c>qid iter docno rel</c>) and run files (<c>qid Q0 docno rank score tag</c>), whitespace
/// separated. The rank column is read but not used: like trec_eval, ranking is by score.
/// </summary>
public static class TrecFiles
{
    private const string QrelsLayout = "qid iter docno rel";
    private const string RunLayout = "qid Q0 docno rank score tag";

    public static Dictionary<string, Dictionary<string, int>> ReadQrels(TextReader reader, string file)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        Span<Range> f = stackalloc Range[5];
        var number = 0;
        string? qid = null;
        Dictionary<string, int>? judged = null;
        while (reader.ReadLine() is { } text)
        {
            number++;
            var line = text.AsSpan();
            if (!Fields(line, f, 4, file, number, "qrels", QrelsLayout)) continue;
            if (!int.TryParse(line[f[3]], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rel))
                throw new TrecFormatException(file, number, $"relevance '{line[f[3]]}' is not a whole number.");
            if (qid is null || !line[f[0]].SequenceEqual(qid))
            {
                qid = line[f[0]].ToString();
                if (!qrels.TryGetValue(qid, out judged)) qrels[qid] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            var docno = line[f[2]].ToString();
            if (!judged!.TryAdd(docno, rel)) throw new TrecFormatException(file, number, $"document '{docno}' is judged twice for query '{qid}'.");
        }
        return qrels;
    }

    public static Dictionary<string, List<TrecResult>> ReadRun(TextReader reader, string file)
    {
        var run = new Dictionary<string, List<TrecResult>>(StringComparer.Ordinal);
        var retrieved = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        Span<Range> f = stackalloc Range[7];
        var number = 0;
        string? qid = null;
        List<TrecResult>? results = null;
        HashSet<string>? seen = null;
        while (reader.ReadLine() is { } text)
        {
            number++;
            var line = text.AsSpan();
            if (!Fields(line, f, 6, file, number, "run", RunLayout)) continue;
            if (!long.TryParse(line[f[3]], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                throw new TrecFormatException(file, number, $"rank '{line[f[3]]}' is not a whole number.");
            if (!double.TryParse(line[f[4]], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
                throw new TrecFormatException(file, number, $"score '{line[f[4]]}' is not a finite number.");
            // Runs list a query's results together, so the previous line's query is almost always this one's.
            if (qid is null || !line[f[0]].SequenceEqual(qid))
            {
                qid = line[f[0]].ToString();
                if (!run.TryGetValue(qid, out results))
                {
                    run[qid] = results = [];
                    retrieved[qid] = seen = new HashSet<string>(StringComparer.Ordinal);
                }
                else seen = retrieved[qid];
            }
            var docno = line[f[2]].ToString();
            if (!seen!.Add(docno)) throw new TrecFormatException(file, number, $"document '{docno}' is retrieved twice for query '{qid}'.");
            results!.Add(new TrecResult(docno, score));
        }
        return run;
    }

    /// <summary>
    /// Splits a line on whitespace into <paramref name="expected"/> fields. False for a blank line; a line with any
    /// other number of fields is refused naming the file and the line.
    /// </summary>
    private static bool Fields(ReadOnlySpan<char> line, Span<Range> fields, int expected, string file, int number, string kind, string layout)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i == line.Length) break;
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            if (count < fields.Length) fields[count] = start..i;
            count++;
        }
        if (count == 0) return false;
        if (count != expected)
            throw new TrecFormatException(file, number, $"a {kind} line has {expected} fields ({layout}), this one has {count}.");
        return true;
    }
}
