using System.Globalization;

namespace Lens.Cli.Stats;

/// <summary>Reads a file of one number per line (blank lines are skipped); a line that is not a finite number is named by file and line.</summary>
public static class SampleFile
{
    public static IReadOnlyList<double> Read(FileInfo file)
    {
        if (!file.Exists) throw new CliException($"{file.FullName}: no such file.");
        var values = new List<double>();
        var line = 0;
        foreach (var text in File.ReadLines(file.FullName))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new CliException($"{file.FullName}:{line}: '{text.Trim()}' is not a finite number.");
            values.Add(value);
        }
        if (values.Count == 0) throw new CliException($"{file.FullName}: holds no numbers (expected one per line).");
        return values;
    }
}
