using System.Globalization;

namespace Lens.Core.Calibration;

/// <summary>
/// Impressions as parallel columns, read from <c>query,score,clicked</c> CSV (a header line, then one impression per
/// line; clicked is 0 or 1). A malformed line is refused with the file and line named.
/// </summary>
public sealed class ImpressionTable
{
    private readonly List<int> _queries = [];
    private readonly List<double> _scores = [];
    private readonly List<bool> _clicked = [];

    public ReadOnlySpan<int> Queries => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_queries);
    public ReadOnlySpan<double> Scores => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_scores);
    public ReadOnlySpan<bool> Clicked => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_clicked);
    public int Count => _scores.Count;

    public static ImpressionTable ReadCsv(TextReader reader, string file)
    {
        var table = new ImpressionTable();
        var queryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        // Looked up by the span of the line itself: a query id becomes a string only the first time it is seen.
        var byText = queryIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var header = reader.ReadLine();
        if (header is null || !header.Trim().Equals("query,score,clicked", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{file}:1: the first line must be the header query,score,clicked.");
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var span = line.AsSpan();
            var first = span.IndexOf(',');
            var second = first < 0 ? -1 : span[(first + 1)..].IndexOf(',');
            if (first <= 0 || second < 0)
                throw new FormatException($"{file}:{lineNumber}: expected query,score,clicked, got '{Shorten(line)}'.");
            second += first + 1;
            var query = span[..first].Trim();
            if (!double.TryParse(span[(first + 1)..second], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score) || score < 0 || score > 1)
                throw new FormatException($"{file}:{lineNumber}: the score must be a number between 0 and 1, got '{span[(first + 1)..second].ToString()}'.");
            var click = span[(second + 1)..].Trim();
            bool clicked = click switch
            {
                "1" => true,
                "0" => false,
                _ => throw new FormatException($"{file}:{lineNumber}: clicked must be 0 or 1, got '{click.ToString()}'."),
            };
            if (!byText.TryGetValue(query, out var id)) byText[query] = id = queryIds.Count;
            table._queries.Add(id);
            table._scores.Add(score);
            table._clicked.Add(clicked);
        }
        return table;
    }

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
