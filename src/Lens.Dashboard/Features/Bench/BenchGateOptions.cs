using System.ComponentModel.DataAnnotations;
using Lens.Core.Bench;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Configuration section "Bench:Gates": the release gates' thresholds.</summary>
public sealed class BenchGateOptions
{
    [Range(-1.0, 1.0, ErrorMessage = "Bench:Gates:MinNdcgDelta must be between -1 and 1.")]
    public double MinNdcgDelta { get; set; } = ReleaseGatePolicy.Default.MinNdcgDelta;

    [Range(-1.0, 1.0, ErrorMessage = "Bench:Gates:MinRecallDelta must be between -1 and 1.")]
    public double MinRecallDelta { get; set; } = ReleaseGatePolicy.Default.MinRecallDelta;

    [Range(0.0, 100.0, ErrorMessage = "Bench:Gates:MaxP95Increase must be between 0 and 100 (a fraction: 0.10 is 10%).")]
    public double MaxP95Increase { get; set; } = ReleaseGatePolicy.Default.MaxP95Increase;

    [Range(1.0, 1000.0, ErrorMessage = "Bench:Gates:MaxTailRatio must be between 1 and 1000.")]
    public double MaxTailRatio { get; set; } = ReleaseGatePolicy.Default.MaxTailRatio;

    [Range(0.0, 1.0, ErrorMessage = "Bench:Gates:MinSpanCoverage must be between 0 and 1.")]
    public double MinSpanCoverage { get; set; } = ReleaseGatePolicy.Default.MinSpanCoverage;

    public ReleaseGatePolicy ToPolicy() => new(MinNdcgDelta, MinRecallDelta, MaxP95Increase, MaxTailRatio, MinSpanCoverage);
}
