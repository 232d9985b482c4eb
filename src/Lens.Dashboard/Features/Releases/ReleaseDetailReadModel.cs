using System.Text.Json;
using Lens.Core.Releases;
using Lens.Dashboard.Features.Bench;
using Lens.Dashboard.Features.SignOff;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Releases;

/// <summary>Loads the release page in one short-lived context (plus the sign-off state, which has its own).</summary>
public sealed class ReleaseDetailReadModel(IDbContextFactory<LensDbContext> dbFactory, SignOffService signOff, NightlyChoices nightly)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ReleaseDetail?> LoadAsync(string version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Version == version, ct);
        if (release is null) return null;
        var rollouts = await db.Rollouts.AsNoTracking().Where(r => r.ReleaseVersion == version).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        // A bench's three result files stay in the database; the page needs only the latest final bench's results.
        var benches = await db.BenchRuns.AsNoTracking().Where(r => r.Release == version).OrderByDescending(r => r.StartedAt).ToListAsync(ct);
        var state = await signOff.StateAsync(version, ct);
        var choice = (await nightly.ChooseAsync(ct)).FirstOrDefault(c => c.Version == release.Version);
        using var config = JsonDocument.Parse(release.ConfigJson);
        return new ReleaseDetail(release, JsonSerializer.Serialize(config.RootElement, Indented),
            ReleaseStandings.Of(release.Status, rollouts.FirstOrDefault()?.State), rollouts, benches, state, choice);
    }
}
