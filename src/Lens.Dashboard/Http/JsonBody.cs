using System.Text.Json;
using System.Text.RegularExpressions;
using Lens.Dashboard.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Lens.Dashboard.Http;

/// <summary>
/// Reads a JSON body so that anything wrong with it gets a 4xx problem naming the field, and nothing is stored: the
/// wrong media type (415), too large (413), malformed, a key given twice, a string longer than its field allows, or a
/// value of the wrong kind (400).
/// </summary>
public static partial class JsonBody
{
    /// <summary>Most requests are a few fields: 64 KB is generous, and a 100 MB body is refused before it is read.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>For requests that carry files (a bench's qrels and runs).</summary>
    public const int FileMaxBytes = 16 * 1024 * 1024;

    public const int DefaultMaxStringLength = 1000;

    /// <summary>The longest text each named field may hold; a field not named here gets <see cref="DefaultMaxStringLength"/>.</summary>
    public static readonly IReadOnlyDictionary<string, int> StringLimits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["actor"] = 200, ["reason"] = 2000, ["title"] = 200, ["detail"] = 4000, ["key"] = 200, ["name"] = 100, ["flag"] = 100,
        ["version"] = 100, ["releaseVersion"] = 100, ["release"] = 100, ["plan"] = 100, ["role"] = 64, ["userName"] = 64,
        ["password"] = 200, ["severity"] = 20, ["metric"] = 100, ["variant"] = 20, ["minDuration"] = 40,
        // File contents: bounded by the body's own limit.
        ["qrels"] = FileMaxBytes, ["baseline"] = FileMaxBytes, ["candidate"] = FileMaxBytes,
    };

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (ContentTypeProblem(request) is { } wrongType) return (null, wrongType);
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
                buffer.Write(chunk, 0, read);
            }
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        if (bytes.Length == 0) return (null, LensProblems.Field("body", "A JSON object is required."));
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return (null, LensProblems.Field("body", "The body is not valid UTF-8."));
        if (ShapeProblem(bytes) is { } shape) return (null, shape);

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, LensJson.Options);
            return value is null ? (null, LensProblems.Field("body", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var expected = ExpectedAt(typeof(T), field);
            return (null, LensProblems.Field(field, expected is null
                ? $"The body is not valid here ({field}): {Plain(ex.Message)}"
                : $"The body is not valid here ({field}): expected {expected}."));
        }
    }

    /// <summary>What the request type holds at a path such as <c>stages[0].percent</c>, in words, or null when unknown.</summary>
    private static string? ExpectedAt(Type type, string field)
    {
        if (field == "body") return null;
        foreach (var segment in field.Split('.'))
        {
            var name = segment;
            var bracket = name.IndexOf('[');
            if (bracket >= 0) name = name[..bracket];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = property.PropertyType;
            if (bracket >= 0) type = ElementOf(type) ?? type;
        }
        return KindOf(type);
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType() : type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;

    private static string KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a string";
        if (type == typeof(Guid)) return "an id (a GUID)";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "a date and time (ISO 8601)";
        if (type == typeof(TimeSpan)) return "a duration such as \"00:10:00\"";
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type))}";
        if (type.IsPrimitive || type == typeof(decimal)) return type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? "a number" : "a whole number in range";
        if (type == typeof(JsonElement)) return "a JSON value";
        if (ElementOf(type) is not null) return "an array";
        return "an object";
    }

    /// <summary>415 unless the body is declared as JSON: a form or text/plain post from another site's page is not a request.</summary>
    public static ProblemHttpResult? ContentTypeProblem(HttpRequest request)
    {
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (request.ContentType is null && !hasBody) return null;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
            return null;
        return LensProblems.Field("Content-Type", $"Send JSON with Content-Type: application/json (got {(string.IsNullOrEmpty(request.ContentType) ? "none" : $"'{request.ContentType}'")}).",
            StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>400 for a body sent to an action that takes none: whatever it meant to say would be silently ignored.</summary>
    public static ProblemHttpResult? UnexpectedBodyProblem(HttpRequest request)
    {
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        return hasBody ? LensProblems.Field("body", "This action takes no body; send the request without one.") : null;
    }

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        LensProblems.Field("body", $"The body is larger than this request allows ({maxBytes / 1024} KB).", StatusCodes.Status413PayloadTooLarge);

    /// <summary>Walks the document once: every key unique within its object, every string within its field's limit.</summary>
    private static ProblemHttpResult? ShapeProblem(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 32 });
        var keys = new Stack<HashSet<string>>();
        var path = new List<string>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        keys.Push(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                        path.Add(property ?? "");
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                        keys.Pop();
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.StartArray:
                        path.Add(property ?? "");
                        property = null;
                        break;
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        property = reader.GetString()!;
                        // Property names are matched without case, so "Flag" and "flag" are the same key twice.
                        if (!keys.Peek().Add(property))
                            return LensProblems.Field(Join(path, property), $"'{property}' appears twice in the same object; give each field once.");
                        break;
                    case JsonTokenType.String:
                        var name = property ?? path.LastOrDefault(p => p.Length > 0) ?? "body";
                        var limit = StringLimits.TryGetValue(name, out var l) ? l : DefaultMaxStringLength;
                        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                        // UTF-8 bytes bound characters from above: only a long value needs decoding to be sure.
                        if (length > limit && reader.GetString()!.Length > limit)
                            return LensProblems.Field(Join(path, property), $"'{name}' is at most {limit} characters.");
                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }
            return null;
        }
        catch (JsonException ex)
        {
            var field = Join(path, property);
            return LensProblems.Field(field, $"The body is not valid JSON ({field}): {Plain(ex.Message)}");
        }
    }

    private static string Join(List<string> path, string? property)
    {
        var parts = path.Where(p => p.Length > 0).Append(property ?? "").Where(p => p.Length > 0).ToList();
        return parts.Count == 0 ? "body" : string.Join('.', parts);
    }

    private static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    /// <summary>The serializer's message, without .NET type names or reader positions a caller cannot use.</summary>
    private static string Plain(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return TypeName().Replace(text, "a value");
    }

    [GeneratedRegex(@"\b(System|Microsoft|Lens)\.[\w.`\[\]+,]+")]
    private static partial Regex TypeName();
}
