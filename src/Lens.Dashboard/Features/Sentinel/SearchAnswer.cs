using Lens.Dashboard.Hosting;
using System.Text.Json;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>
/// Reads a search service's answer, as both the sentinel and live benches receive it: JSON that is either
/// <c>{"results": [...]}</c> or a bare array, each result carrying <c>file</c> (or <c>path</c>) and <c>line</c>.
/// </summary>
public static class SearchAnswer
{
    /// <summary>The results in the order given, or null when the body is not such JSON.</summary>
    public static List<(string? File, int? Line)>? Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var array = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement
                : doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array ? r
                : (JsonElement?)null;
            if (array is not { } items) return null;
            var results = new List<(string?, int?)>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) { results.Add((null, null)); continue; }
                var file = (item.TryGetProperty("file", out var f) || item.TryGetProperty("path", out f)) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                int? line = item.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : null;
                results.Add((file, line));
            }
            return results;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Resolves an endpoint template's URL; a relative one is under this dashboard's own address.</summary>
    public static Uri Resolve(string url, SelfAddress self, string setting)
    {
        var uri = new Uri(url, UriKind.RelativeOrAbsolute);
        if (uri.IsAbsoluteUri) return uri;
        var root = self.Resolve() ?? throw new HttpRequestException($"The dashboard does not know its own address yet, so a relative {setting} cannot be reached.");
        return new Uri(root, url.TrimStart('/'));
    }
}
