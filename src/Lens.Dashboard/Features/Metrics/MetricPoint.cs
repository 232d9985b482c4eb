using Lens.Core.Metrics;

namespace Lens.Dashboard.Features.Metrics;

/// <summary>Both variants over one bucket of time: one point on the live charts.</summary>
public sealed record MetricPoint(DateTimeOffset At, VariantMetrics Baseline, VariantMetrics Candidate);
