using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Deploy;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.SignOff;

/// <summary>
/// How the release's latest deployment pipeline went, for the sign-off report: managers asked what the canary did.
/// Built from the same status object the pipeline page shows, so both tell the same story.
/// </summary>
public sealed record SignOffDeployment(
    Guid Id,
    string Flag,
    PipelineState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    TimeSpan? Duration,
    int GatesPassed,
    int GatesChecked,
    int GatesOverridden,
    int Rollbacks,
    string? ForceReason,
    string? Cause,
    bool Accelerated,
    IReadOnlyList<PhaseStatus> Phases,
    IReadOnlyDictionary<string, string> Reports)
{
    public string GatesText => $"{GatesPassed}/{GatesChecked} passed{(GatesOverridden > 0 ? $" ({GatesOverridden} overridden)" : "")}";

    /// <summary>The release's newest pipeline, or null when none was ever started for it.</summary>
    public static async Task<SignOffDeployment?> LatestAsync(LensDbContext db, string version, DeploymentService deployments, CancellationToken ct)
    {
        var pipeline = await db.DeploymentPipelines.AsNoTracking().Where(p => p.Version == version)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        if (pipeline is null) return null;
        // Counted as the completion report counts them: a block's rollout that ended rolled back or aborted.
        var rollbacks = await db.Rollouts.AsNoTracking()
            .CountAsync(r => pipeline.Rollouts.Contains(r.Id) && (r.State == RolloutState.RolledBack || r.State == RolloutState.Aborted), ct);
        var status = deployments.StatusOf(pipeline);
        return new SignOffDeployment(status.Id, status.Flag, status.State, status.CreatedAt, status.EndedAt, status.EndedAt - status.CreatedAt,
            status.GatesPassed, status.GatesChecked, status.Gates.Count(g => g.Overridden), rollbacks, status.ForceReason, status.Cause, status.Accelerated,
            status.Phases, status.Reports);
    }
}
