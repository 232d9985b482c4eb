using System.Reflection;
using System.Text.RegularExpressions;

namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// The demo search service's index: the Lens.Core source files, embedded in this assembly at build time,
/// split into identifiers and indexed by file and line.
/// </summary>
public sealed partial class DemoCorpus
{
    private readonly Dictionary<string, List<Posting>> _index = new(StringComparer.OrdinalIgnoreCase);

    public DemoCorpus()
    {
        var assembly = typeof(DemoCorpus).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("DemoCorpus/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var file = name["DemoCorpus/".Length..];
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                var isDefinition = DefinitionPattern().IsMatch(line);
                foreach (Match m in IdentifierPattern().Matches(line))
                {
                    if (!_index.TryGetValue(m.Value, out var postings)) _index[m.Value] = postings = [];
                    postings.Add(new Posting(file, lineNumber, isDefinition));
                }
            }
            Files++;
        }
        Terms = _index.Keys.Where(k => k.Length > 3).OrderBy(k => k, StringComparer.Ordinal).ToArray();
    }

    public int Files { get; }

    /// <summary>Identifiers worth querying, for the traffic generator.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Exact identifier matches; failing those, identifiers that start with the term, as code search does for "def".</summary>
    public IReadOnlyList<Posting> Lookup(string term)
    {
        if (_index.TryGetValue(term, out var postings)) return postings;
        if (term.Length < 2) return [];
        return _index.Where(e => e.Key.StartsWith(term, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToArray();
    }

    public sealed record Posting(string File, int Line, bool IsDefinition);

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"\b(class|record|enum|interface|struct)\s+\w+|\b(public|private|internal)\s+(static\s+)?[\w<>\[\]?,\s]+\s+\w+\s*\(")]
    private static partial Regex DefinitionPattern();
}
