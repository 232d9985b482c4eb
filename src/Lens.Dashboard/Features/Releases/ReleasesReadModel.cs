using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Releases;

/// <summary>The releases list: every release, newest first, with its standing.</summary>
public sealed class ReleasesReadModel(IDbContextFactory<LensDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ReleaseRow>> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var releases = await db.Releases.AsNoTracking().OrderByDescending(r => r.CreatedAt)
            .Select(r => new { r.Version, r.Fingerprint, r.ConfigJson, r.CreatedAt, r.Status }).ToListAsync(ct);
        var rollouts = await db.Rollouts.AsNoTracking().Select(r => new { r.ReleaseVersion, r.State, r.CreatedAt }).ToListAsync(ct);
        var byRelease = rollouts.GroupBy(r => r.ReleaseVersion).ToDictionary(g => g.Key, g => (Latest: g.MaxBy(r => r.CreatedAt)!.State, Count: g.Count()));
        return releases.Select(r =>
        {
            var found = byRelease.TryGetValue(r.Version, out var latest);
            return new ReleaseRow(r.Version, r.Fingerprint, r.ConfigJson, r.CreatedAt,
                ReleaseStandings.Of(r.Status, found ? latest.Latest : (RolloutState?)null), found ? latest.Count : 0);
        }).ToList();
    }
}
