using Lens.Core.Deployment;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>
/// What running pipelines change about the sentinel. It may not pull its kill switch on its own while a running
/// pipeline's config says <c>sentinel_config.kill_switch_enabled: false</c>; and an accelerated pipeline divides its
/// recovery period (probes passing this long release a switch it pulled) by the pipeline's factor, as every other wait
/// of that pipeline is divided. Every sentinel round (scheduled, requested, or the pipeline's own) asks here, so the
/// rules have one home.
/// </summary>
public static class PipelineSentinelRules
{
    /// <summary>The pipelines pending or running now (few: one per flag at most).</summary>
    public static async Task<IReadOnlyList<DeploymentPipeline>> ActiveAsync(LensDbContext db, CancellationToken ct) =>
        await db.DeploymentPipelines.AsNoTracking().Where(p => DeploymentPipeline.UnfinishedStates.Contains(p.State)).OrderBy(p => p.CreatedAt).ToListAsync(ct);

    /// <summary>The active pipelines whose config withholds the automatic kill switch; empty when the sentinel may pull it.</summary>
    public static IReadOnlyList<DeploymentPipeline> Withholding(IEnumerable<DeploymentPipeline> active) =>
        [.. active.Where(p => !p.Request.Config.Sentinel.KillSwitchEnabled)];

    /// <summary>The recovery period in force: the configured one, divided by the largest factor of an accelerated active pipeline.</summary>
    public static TimeSpan RecoveryPeriod(IEnumerable<DeploymentPipeline> active, TimeSpan configured)
    {
        var factor = active.Where(p => p.Request.IsAccelerated).Select(p => p.Request.Factor).DefaultIfEmpty(1).Max();
        return factor > 1 ? configured / factor : configured;
    }

    public static string Describe(IEnumerable<DeploymentPipeline> withholding) =>
        string.Join(", ", withholding.Select(p => $"pipeline {p.Id} ({p.Version} on {p.Flag})"));
}
