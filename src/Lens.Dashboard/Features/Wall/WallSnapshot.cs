using Lens.Core.Alerts;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Sentinel;

namespace Lens.Dashboard.Features.Wall;

/// <summary>Everything the wall screen shows, as of one moment.</summary>
public sealed record WallSnapshot(
    IReadOnlyList<Rollout> Live,
    IReadOnlyList<WallAction> Actions,
    IReadOnlyCollection<string> KillSwitches,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<string> DriftAlarms,
    int DetectorsLearning,
    int Detectors,
    SentinelStatus Sentinel,
    IReadOnlyList<CalibrationStatusView> Calibration,
    IReadOnlyList<WallPipeline> Pipelines,
    DateTimeOffset AsOf);
