using System.Globalization;

namespace Lens.Cli.Monitor;

/// <summary>
/// Reads one numeric column of a CSV file with a header row; a bad value names the file, line and column.
/// A dashboard detector export (it has a <c>phase</c> column) is read as the detector saw it: baseline rows trained
/// μ₀ and σ and were never monitored, so they are skipped, and a reset row is a reset (returned as null).
/// </summary>
public static class SeriesFile
{
    public static IReadOnlyList<double?> Read(string path, string? column)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0])) throw new CliException($"{path}:1: expected a header row naming the columns.");
        var header = Split(path, 1, lines[0]).Select(h => h.Trim()).ToList();

        int index;
        if (column is not null)
        {
            index = header.IndexOf(column);
            if (index < 0) throw new CliException($"{path}: no column '{column}'. Columns: {string.Join(", ", header)}.");
        }
        else if (header.Count == 1) index = 0;
        else throw new CliException($"{path}: {header.Count} columns ({string.Join(", ", header)}); choose one with --column.");

        var phase = header.IndexOf("phase");
        var values = new List<double?>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var fields = Split(path, n + 1, lines[n]);
            var text = index < fields.Count ? fields[index].Trim() : "";
            var rowPhase = phase >= 0 && phase < fields.Count ? fields[phase].Trim() : null;
            if (rowPhase == "Baseline") continue;
            if (rowPhase == "Reset")
            {
                values.Add(null);
                continue;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new CliException($"{path}:{n + 1}: '{text}' in column '{header[index]}' is not a finite number.");
            values.Add(value);
        }
        return values;
    }

    private static IReadOnlyList<string> Split(string path, int line, string text)
    {
        try { return CsvLine.Split(text); }
        catch (FormatException ex) { throw new CliException($"{path}:{line}: {ex.Message}."); }
    }
}
