using Lens.Core.Monitoring;
using Lens.Dashboard.Ui.Charts;

namespace Lens.Dashboard.Features.Detectors;

/// <summary>
/// One detector as its page shows it: the raw metric with μ₀ and the baseline period, C⁺ and C⁻ against H with alarms
/// and resets, and the first alarm numbered the way <c>lens monitor cusum</c> numbers it on the exported history.
/// </summary>
public sealed record DetectorView(
    Detector Detector,
    string Unit,
    DateTimeOffset? BaselineFrom,
    DateTimeOffset? BaselineTo,
    int BaselineCount,
    (int Index, DateTimeOffset At)? FirstAlarm,
    int Monitored,
    ChartSpec RawChart,
    ChartSpec CusumChart,
    string? Replay);
