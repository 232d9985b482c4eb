using System.Text.Json;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Http;

/// <summary>Reads a JSON body so that a malformed one gets a problem response naming where it broke, not a bare 400.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, LensJson.Options, ct);
            return value is null ? (null, LensProblems.Field("body", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, LensProblems.Field(field, $"The body is not valid here ({field}): {FirstSentence(ex.Message)}"));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
