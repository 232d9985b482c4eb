using System.Text.Json;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Reads back the parts of a stored final_bench_results.json that pages and reports show.</summary>
public static class BenchResultsReader
{
    public static IReadOnlyList<BenchGateRow> Gates(string? resultsJson) => Read(resultsJson, "gates", g => new BenchGateRow(
        g.GetProperty("gate").GetString()!, g.GetProperty("verdict").GetString()!, g.GetProperty("rule").GetString()!, g.GetProperty("evidence").GetString()!));

    public static IReadOnlyList<BenchMeasureRow> Measures(string? resultsJson) => Read(resultsJson, "measures", m => new BenchMeasureRow(
        m.GetProperty("measure").GetString()!, m.GetProperty("baseline").GetDouble(), m.GetProperty("candidate").GetDouble(),
        m.GetProperty("delta").GetDouble(), m.GetProperty("ciLower").GetDouble(), m.GetProperty("ciUpper").GetDouble()));

    /// <summary>What the bench compared the candidate with; null for results stored before benches recorded it.</summary>
    public static string? ComparedAgainst(string? resultsJson)
    {
        if (string.IsNullOrEmpty(resultsJson)) return null;
        using var doc = JsonDocument.Parse(resultsJson);
        return doc.RootElement.TryGetProperty("comparedAgainst", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>The gates a stored result failed, by name.</summary>
    public static IReadOnlyList<string> FailedGates(string? resultsJson) =>
        Gates(resultsJson).Where(g => g.Verdict == "fail").Select(g => g.Gate).ToArray();

    private static IReadOnlyList<T> Read<T>(string? json, string property, Func<JsonElement, T> map)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(map).ToArray()
            : [];
    }
}
