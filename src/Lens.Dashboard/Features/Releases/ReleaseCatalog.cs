using Lens.Dashboard.Http;
using System.Text.Json;
using Lens.Core.Releases;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Releases;

/// <summary>Creates releases for the API and the releases page alike: refuses a version twice, audits, announces.</summary>
public sealed class ReleaseCatalog(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, LensEvents events)
{
    public async Task<Release> CreateAsync(string version, JsonElement configuration, string actor, CancellationToken ct = default)
    {
        version = version.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Releases.AnyAsync(r => r.Version == version, ct))
            throw AlreadyExists(version);
        var release = Release.Create(version, configuration, clock.GetUtcNow());
        db.Releases.Add(release);
        db.AuditEntries.Add(AuditEntry.ForSubject("release:" + version, "Create", actor, $"fingerprint {release.Fingerprint}", release.CreatedAt));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // the unique index caught a concurrent create of the same version
        {
            throw AlreadyExists(version);
        }
        events.Publish(new LensEvent(LensEvent.ReleaseCreated, release.CreatedAt, Detail: version));
        return release;
    }

    private static LensRequestException AlreadyExists(string version) =>
        new("version", $"Release {version} already exists; a release is frozen once created.", StatusCodes.Status409Conflict);
}
