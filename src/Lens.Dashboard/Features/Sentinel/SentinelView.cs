using Lens.Dashboard.Ui.Charts;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>The sentinel page: the probes' state, and their latency over the last day against the timeout.</summary>
public sealed record SentinelView(SentinelStatus Status, ChartSpec LatencyChart);
