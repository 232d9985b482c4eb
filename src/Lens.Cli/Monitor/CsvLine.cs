using System.Text;

namespace Lens.Cli.Monitor;

/// <summary>Splits one CSV record (RFC 4180: comma separated, double quotes around fields that need them, "" for a quote).</summary>
public static class CsvLine
{
    public static IReadOnlyList<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw new FormatException("a quoted field is not closed");
        fields.Add(field.ToString());
        return fields;
    }
}
