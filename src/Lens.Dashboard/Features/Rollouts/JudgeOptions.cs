using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>
/// Configuration section "Judge": the smallest differences worth detecting on the comparison page, from which it says
/// how many requests (or impressions) per side a verdict would need.
/// </summary>
public sealed class JudgeOptions
{
    public const string Section = "Judge";

    /// <summary>Relative latency increase, as a fraction (0.10: 10% slower).</summary>
    [Range(0.001, 10, ErrorMessage = "Judge:MinimumLatencyIncrease must be between 0.001 and 10 (a fraction: 0.10 is 10%).")]
    public double MinimumLatencyIncrease { get; set; } = 0.10;

    /// <summary>Absolute error-rate increase (0.005: half a percentage point).</summary>
    [Range(0.0001, 1, ErrorMessage = "Judge:MinimumErrorRateIncrease must be between 0.0001 and 1.")]
    public double MinimumErrorRateIncrease { get; set; } = 0.005;

    /// <summary>Absolute click-through change (0.01: one percentage point).</summary>
    [Range(0.0001, 1, ErrorMessage = "Judge:MinimumClickThroughChange must be between 0.0001 and 1.")]
    public double MinimumClickThroughChange { get; set; } = 0.01;
}
