using System.Text;

namespace Lens.Core.Bench;

/// <summary>
/// Splits TREC files on bytes: lines end at '\n' (a '\r' before it is whitespace), fields are separated by spaces
/// and tabs, as trec_eval splits them. Working on the UTF-8 bytes avoids a string per line.
/// </summary>
internal static class TrecLineSplitter
{
    /// <summary>Fills <paramref name="fields"/> from one line. False for a blank line; any other field count is refused.</summary>
    public static bool Fields(ReadOnlySpan<byte> line, Span<Range> fields, int expected, string file, int number, string kind, string layout)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsSpace(line[i])) i++;
            if (i == line.Length) break;
            var start = i;
            while (i < line.Length && !IsSpace(line[i])) i++;
            if (count < fields.Length) fields[count] = start..i;
            count++;
        }
        if (count == 0) return false;
        if (count != expected)
            throw new TrecFormatException(file, number, $"a {kind} line has {expected} fields ({layout}), this one has {count}.");
        return true;
    }

    /// <summary>Where each of up to <paramref name="parts"/> chunks starts, each beginning a line whose qid differs from the line before.</summary>
    public static int[] ChunkStarts(ReadOnlySpan<byte> data, int parts)
    {
        var starts = new List<int> { 0 };
        for (var p = 1; p < parts; p++)
        {
            var cut = NextLineStart(data, (int)((long)data.Length * p / parts));
            // Move on to where the query changes, so one query's lines stay in one chunk.
            while (cut < data.Length && cut > 0 && SameQid(data, PreviousLineStart(data, cut), cut)) cut = NextLineStart(data, cut + 1);
            if (cut >= data.Length || cut <= starts[^1]) continue;
            starts.Add(cut);
        }
        return [.. starts];
    }

    public static int CountLines(ReadOnlySpan<byte> data) => data.Count((byte)'\n');

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static int NextLineStart(ReadOnlySpan<byte> data, int from)
    {
        if (from <= 0) return 0;
        var newline = data[(from - 1)..].IndexOf((byte)'\n');
        return newline < 0 ? data.Length : from - 1 + newline + 1;
    }

    private static int PreviousLineStart(ReadOnlySpan<byte> data, int lineStart) =>
        data[..Math.Max(0, lineStart - 1)].LastIndexOf((byte)'\n') + 1;

    private static bool SameQid(ReadOnlySpan<byte> data, int a, int b) => FirstField(data[a..]).SequenceEqual(FirstField(data[b..]));

    private static ReadOnlySpan<byte> FirstField(ReadOnlySpan<byte> line)
    {
        var i = 0;
        while (i < line.Length && IsSpace(line[i])) i++;
        var start = i;
        while (i < line.Length && !IsSpace(line[i]) && line[i] != (byte)'\n') i++;
        return line[start..i];
    }
}
