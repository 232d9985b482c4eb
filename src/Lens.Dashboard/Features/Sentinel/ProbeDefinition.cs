using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>One probe under "Sentinel:Probes:{name}": a query, and optionally the file its first result must be (its anchor).</summary>
public sealed class ProbeDefinition
{
    [Required]
    public string Query { get; set; } = "";

    /// <summary>When set, P@1 for this probe is 1 if the first result's file ends with this path, else 0.</summary>
    public string? AnchorFile { get; set; }
}
