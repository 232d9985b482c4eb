using System.Text.Json;

namespace Lens.Dashboard.Features.Calibration;

/// <summary><c>POST /api/calibration/impressions</c>: <c>{"flag","variant","events":[{"queryId","score","clicked","position"}]}</c>.</summary>
public sealed record ImpressionBatchRequest(string? Flag, string? Variant, IReadOnlyList<JsonElement>? Events);
