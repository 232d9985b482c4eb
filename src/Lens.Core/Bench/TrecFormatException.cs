namespace Lens.Core.Bench;

/// <summary>A malformed line in a qrels or run file, named by file and 1-based line number.</summary>
public sealed class TrecFormatException(string file, int line, string problem)
    : FormatException($"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}
