using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lens.Dashboard.Persistence;

/// <summary>The one JSON shape used for stored columns and the HTTP contract: camelCase, enums as strings.</summary>
public static class LensJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
