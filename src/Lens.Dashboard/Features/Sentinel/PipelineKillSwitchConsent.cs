using Lens.Core.Deployment;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>
/// Whether the sentinel may pull its kill switch on its own: not while a running pipeline's config says
/// <c>sentinel_config.kill_switch_enabled: false</c>. Every sentinel round (scheduled, requested, or the pipeline's own)
/// asks here, so the rule has one home.
/// </summary>
public static class PipelineKillSwitchConsent
{
    private static readonly PipelineState[] Active = [PipelineState.Pending, PipelineState.Running];

    /// <summary>The running pipelines whose config withholds the automatic kill switch; empty when the sentinel may pull it.</summary>
    public static async Task<IReadOnlyList<DeploymentPipeline>> WithholdingAsync(LensDbContext db, CancellationToken ct)
    {
        // The config is stored as JSON, so the key is read after loading the (few) running pipelines.
        var running = await db.DeploymentPipelines.AsNoTracking().Where(p => Active.Contains(p.State)).ToListAsync(ct);
        return [.. running.Where(p => !p.Request.Config.Sentinel.KillSwitchEnabled).OrderBy(p => p.CreatedAt)];
    }

    public static string Describe(IEnumerable<DeploymentPipeline> withholding) =>
        string.Join(", ", withholding.Select(p => $"pipeline {p.Id} ({p.Version} on {p.Flag})"));
}
