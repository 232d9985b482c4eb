using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lens.Core.Releases;

/// <summary>
/// The identity of a release's configuration: <c>sha256:</c> + hex SHA-256 of its canonical JSON.
/// Canonical means object keys sorted by ordinal UTF-16 order, no insignificant whitespace, and
/// numbers written in their shortest round-trip form (so <c>1.0</c> and <c>1</c> are the same setting).
/// </summary>
public static class ConfigFingerprint
{
    public static string Compute(JsonElement configuration)
    {
        var canonical = ToCanonicalJson(configuration);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    public static string ToCanonicalJson(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, element);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, element);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (element.TryGetDouble(out var real) && double.IsFinite(real) && real == Math.Floor(real) && Math.Abs(real) < 9e15)
        {
            writer.WriteNumberValue((long)real);
        }
        else if (double.IsFinite(real))
        {
            writer.WriteRawValue(real.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            element.WriteTo(writer);
        }
    }
}
