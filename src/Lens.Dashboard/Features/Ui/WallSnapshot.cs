using Lens.Core.Alerts;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Sentinel;
using Lens.Dashboard.Persistence;

namespace Lens.Dashboard.Features.Ui;

/// <summary>Everything the wall screen shows, as of one moment.</summary>
public sealed record WallSnapshot(
    IReadOnlyList<Rollout> Live,
    IReadOnlyList<AuditEntry> Actions,
    IReadOnlyCollection<string> KillSwitches,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<string> DriftAlarms,
    SentinelStatus Sentinel,
    DateTimeOffset AsOf);
