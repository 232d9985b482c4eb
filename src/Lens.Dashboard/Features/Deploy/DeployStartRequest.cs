using System.Text.Json;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>POST /deploy/start: the version, the guide's config (partial is fine), and the command line's switches.</summary>
public sealed record DeployStartRequest(string? Version, JsonElement? Config, bool? DryRun, bool? Accelerated, bool? SkipBench, bool? SkipCanary,
    bool? Force, string? Reason);
