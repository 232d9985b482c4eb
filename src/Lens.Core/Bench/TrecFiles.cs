using System.Globalization;
using System.Text;

namespace Lens.Core.Bench;

/// <summary>
/// Reads TREC qrels (<c>qid iter docno rel</c>) and run files (<c>qid Q0 docno rank score tag</c>), whitespace
/// separated. The rank column is read but not used: like trec_eval, ranking is by score. A run is parsed in
/// chunks side by side (one per core), split where the query changes, since parsing is most of an evaluation's time.
/// </summary>
public static class TrecFiles
{
    private const string QrelsLayout = "qid iter docno rel";
    private const string RunLayout = "qid Q0 docno rank score tag";

    public static Dictionary<string, Dictionary<string, int>> ReadQrels(TextReader reader, string file) =>
        ReadQrels(Encoding.UTF8.GetBytes(reader.ReadToEnd()), file);

    public static Dictionary<string, List<TrecResult>> ReadRun(TextReader reader, string file) =>
        ReadRun(Encoding.UTF8.GetBytes(reader.ReadToEnd()), file);

    public static Dictionary<string, Dictionary<string, int>> ReadQrels(byte[] data, string file)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        Span<Range> f = stackalloc Range[5];
        var number = 0;
        string? qid = null;
        Dictionary<string, int>? judged = null;
        foreach (var line in Lines(data))
        {
            number++;
            var text = data.AsSpan(line);
            if (!TrecLineSplitter.Fields(text, f, 4, file, number, "qrels", QrelsLayout)) continue;
            if (!int.TryParse(text[f[3]], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rel))
                throw new TrecFormatException(file, number, $"relevance '{TrecLineSplitter.Text(text[f[3]])}' is not a whole number.");
            if (qid is null || !Equal(text[f[0]], qid))
            {
                qid = TrecLineSplitter.Text(text[f[0]]);
                if (!qrels.TryGetValue(qid, out judged)) qrels[qid] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            var docno = TrecLineSplitter.Text(text[f[2]]);
            if (!judged!.TryAdd(docno, rel)) throw new TrecFormatException(file, number, $"document '{docno}' is judged twice for query '{qid}'.");
        }
        return qrels;
    }

    public static Dictionary<string, List<TrecResult>> ReadRun(byte[] data, string file)
    {
        var starts = TrecLineSplitter.ChunkStarts(data, Environment.ProcessorCount);
        var chunks = new RunChunk[starts.Length];
        try
        {
            Parallel.For(0, starts.Length, c =>
            {
                var end = c + 1 < starts.Length ? starts[c + 1] : data.Length;
                // Line numbers in errors count from the file's start, not the chunk's.
                var firstLine = TrecLineSplitter.CountLines(data.AsSpan(0, starts[c])) + 1;
                chunks[c] = ReadRunChunk(data, starts[c], end, firstLine, file);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is TrecFormatException))
        {
            // Report the first malformed line in the file, as a reader going top to bottom would.
            throw ex.InnerExceptions.Cast<TrecFormatException>().MinBy(e => e.Line)!;
        }
        var run = chunks[0].Results;
        var seen = chunks[0].Seen;
        foreach (var chunk in chunks.Skip(1))
            foreach (var (qid, results) in chunk.Results)
            {
                if (!run.TryGetValue(qid, out var existing))
                {
                    run[qid] = results;
                    seen[qid] = chunk.Seen[qid];
                    continue;
                }
                // The same query listed again later in the file: rare, so checked the slow way.
                foreach (var result in results)
                {
                    if (!seen[qid].Add(result.DocNo)) throw new TrecFormatException(file, LineOf(data, chunk, qid, result.DocNo), $"document '{result.DocNo}' is retrieved twice for query '{qid}'.");
                    existing.Add(result);
                }
            }
        return run;
    }

    private sealed record RunChunk(Dictionary<string, List<TrecResult>> Results, Dictionary<string, HashSet<string>> Seen, int Start, int End, int FirstLine);

    /// <summary>The line of a chunk that retrieved a document for a query, found again only to name it in an error.</summary>
    private static int LineOf(byte[] data, RunChunk chunk, string qid, string docno)
    {
        Span<Range> f = stackalloc Range[7];
        var number = chunk.FirstLine - 1;
        foreach (var line in Lines(data, chunk.Start, chunk.End))
        {
            number++;
            var text = data.AsSpan(line);
            if (TrecLineSplitter.Fields(text, f, 6, "", number, "run", RunLayout) && Equal(text[f[0]], qid) && Equal(text[f[2]], docno)) return number;
        }
        return chunk.FirstLine;
    }

    private static RunChunk ReadRunChunk(byte[] data, int start, int end, int firstLine, string file)
    {
        var run = new Dictionary<string, List<TrecResult>>(StringComparer.Ordinal);
        var retrieved = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        Span<Range> f = stackalloc Range[7];
        var number = firstLine - 1;
        string? qid = null;
        List<TrecResult>? results = null;
        HashSet<string>? seen = null;
        foreach (var line in Lines(data, start, end))
        {
            number++;
            var text = data.AsSpan(line);
            if (!TrecLineSplitter.Fields(text, f, 6, file, number, "run", RunLayout)) continue;
            if (!long.TryParse(text[f[3]], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                throw new TrecFormatException(file, number, $"rank '{TrecLineSplitter.Text(text[f[3]])}' is not a whole number.");
            if (!double.TryParse(text[f[4]], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
                throw new TrecFormatException(file, number, $"score '{TrecLineSplitter.Text(text[f[4]])}' is not a finite number.");
            // Runs list a query's results together, so the previous line's query is almost always this one's.
            if (qid is null || !Equal(text[f[0]], qid))
            {
                qid = TrecLineSplitter.Text(text[f[0]]);
                if (!run.TryGetValue(qid, out results))
                {
                    run[qid] = results = new List<TrecResult>(128);
                    retrieved[qid] = seen = new HashSet<string>(128, StringComparer.Ordinal);
                }
                else seen = retrieved[qid];
            }
            var docno = TrecLineSplitter.Text(text[f[2]]);
            if (!seen!.Add(docno)) throw new TrecFormatException(file, number, $"document '{docno}' is retrieved twice for query '{qid}'.");
            results!.Add(new TrecResult(docno, score));
        }
        return new RunChunk(run, retrieved, start, end, firstLine);
    }

    private static IEnumerable<Range> Lines(byte[] data) => Lines(data, 0, data.Length);

    private static IEnumerable<Range> Lines(byte[] data, int start, int end)
    {
        var at = start;
        while (at < end)
        {
            var newline = data.AsSpan(at, end - at).IndexOf((byte)'\n');
            var stop = newline < 0 ? end : at + newline;
            yield return at..stop;
            at = stop + 1;
        }
    }

    private static bool Equal(ReadOnlySpan<byte> utf8, string text)
    {
        if (utf8.Length != text.Length) return Encoding.UTF8.GetString(utf8) == text;
        for (var i = 0; i < utf8.Length; i++) if (utf8[i] != text[i]) return false;
        return true;
    }
}
