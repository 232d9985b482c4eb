using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Overview;

/// <summary>The overview's data: every rollout, newest change first, as of one moment.</summary>
public sealed class OverviewReadModel(IDbContextFactory<LensDbContext> dbFactory, FlagDirectory flags, TimeProvider clock)
{
    public async Task<IReadOnlyList<OverviewRow>> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollouts = await db.Rollouts.AsNoTracking().OrderByDescending(r => r.UpdatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var killSwitch = flags.KillSwitchActive;
        return rollouts.Select(r => OverviewRow.From(r, now, killSwitch)).ToList();
    }
}
