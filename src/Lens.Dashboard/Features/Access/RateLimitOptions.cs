using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// Configuration section "RateLimits": token buckets per caller (token or person; address when anonymous). The
/// defaults sit far above what the demo and the load driver send (about 2,000 ingest batches a second at full load).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1_000_000, ErrorMessage = "RateLimits:IngestPerSecond must be between 1 and 1000000.")]
    public int IngestPerSecond { get; set; } = 20_000;

    [Range(1, 10_000_000, ErrorMessage = "RateLimits:IngestBurst must be between 1 and 10000000.")]
    public int IngestBurst { get; set; } = 40_000;

    /// <summary>Every other request that changes something: actions, kill switches, alerts, releases, tokens.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:WritesPerSecond must be between 1 and 1000000.")]
    public int WritesPerSecond { get; set; } = 200;

    [Range(1, 10_000_000, ErrorMessage = "RateLimits:WritesBurst must be between 1 and 10000000.")]
    public int WritesBurst { get; set; } = 2_000;
}
