using System.Text.Json;
using Lens.Dashboard.Features.Metrics;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>Checks each event of a batch on its own: a bad one is rejected by index, the others are kept.</summary>
public static class ImpressionBatchParser
{
    public const int MaxEvents = 10_000;
    public const int MaxQueryIdLength = 200;

    public static (List<Impression> Valid, List<IngestRejection> Rejected) Parse(IReadOnlyList<JsonElement> events)
    {
        var valid = new List<Impression>(events.Count);
        var rejected = new List<IngestRejection>();
        for (var i = 0; i < events.Count; i++)
        {
            var error = Check(events[i], out var impression);
            if (error is null) valid.Add(impression);
            else rejected.Add(new IngestRejection(i, error));
        }
        return (valid, rejected);
    }

    private static string? Check(JsonElement e, out Impression impression)
    {
        impression = default;
        if (e.ValueKind != JsonValueKind.Object) return "An event must be a JSON object.";
        if (!e.TryGetProperty("queryId", out var q) || q.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)) return "queryId: a string or number is required.";
        var queryId = q.ValueKind == JsonValueKind.String ? q.GetString()! : q.GetRawText();
        if (queryId.Length is 0 or > MaxQueryIdLength) return $"queryId: 1 to {MaxQueryIdLength} characters.";
        if (!e.TryGetProperty("score", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetDouble(out var score) || !double.IsFinite(score) || score < 0 || score > 1)
            return "score: the ranker's confidence, a number between 0 and 1, is required.";
        if (!e.TryGetProperty("clicked", out var c) || c.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return "clicked: true or false is required.";
        if (e.TryGetProperty("position", out var p) && (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out var position) || position < 1))
            return "position: a whole number from 1 (the top result).";
        impression = new Impression(queryId, score, c.GetBoolean());
        return null;
    }
}
