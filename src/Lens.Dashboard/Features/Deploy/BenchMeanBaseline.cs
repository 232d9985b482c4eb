using System.Text.Json;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// What a final bench says one of its means should look like in production: the candidate's mean over the bench's
/// queries, and the standard error of that mean (the per-query sample standard deviation over √n). A detector fed one
/// bench mean per observation is watching exactly that quantity, so these are its μ₀ and σ.
/// </summary>
public sealed record BenchMeanBaseline(string Measure, double Mean, double StandardError, int Queries)
{
    /// <summary>
    /// Reads <paramref name="measure"/> (a trec_eval name such as recall_50) from a stored final_bench_results.json.
    /// Null when the results lack it or hold fewer than two candidate values: one query gives no spread to trust.
    /// </summary>
    public static BenchMeanBaseline? Read(string? resultsJson, string measure)
    {
        if (string.IsNullOrEmpty(resultsJson)) return null;
        using var doc = JsonDocument.Parse(resultsJson);
        if (!doc.RootElement.TryGetProperty("perQuery", out var perQuery) || perQuery.ValueKind != JsonValueKind.Array) return null;
        var values = new List<double>();
        foreach (var query in perQuery.EnumerateArray())
        {
            if (!query.TryGetProperty("values", out var measures) || measures.ValueKind != JsonValueKind.Array) continue;
            foreach (var value in measures.EnumerateArray())
                if (value.TryGetProperty("measure", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == measure
                    && value.TryGetProperty("candidate", out var candidate) && candidate.ValueKind == JsonValueKind.Number)
                    values.Add(candidate.GetDouble());
        }
        if (values.Count < 2) return null;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new BenchMeanBaseline(measure, mean, Math.Sqrt(variance) / Math.Sqrt(values.Count), values.Count);
    }
}
