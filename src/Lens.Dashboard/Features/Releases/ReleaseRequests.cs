using System.Text.Json;

namespace Lens.Dashboard.Features.Releases;

public sealed record CreateReleaseRequest(string? Version, JsonElement? Config);
