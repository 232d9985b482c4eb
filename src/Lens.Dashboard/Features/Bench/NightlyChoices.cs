using Lens.Core.Releases;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Http;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// Which candidates the nightly validation benches (the rule is <see cref="NightlyCandidates"/>), and the lead's two
/// levers on it: pin a candidate so it is validated every night (and unpin it), retire one so it never is again. All audited.
/// </summary>
public sealed class NightlyChoices(IDbContextFactory<LensDbContext> dbFactory, IOptions<NightlyOptions> options, TimeProvider clock, LensEvents events)
{
    public int Max => options.Value.MaxReleases;

    /// <summary>Every candidate with whether tonight validates it and why.</summary>
    public async Task<IReadOnlyList<NightlyChoice>> ChooseAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only the columns the rule reads: a release's configuration and decisions can be large, and there are many releases.
        var releases = await db.Releases.AsNoTracking().Select(r => new { r.Version, r.CreatedAt, r.Status, r.Pinned, r.Retired }).ToListAsync(ct);
        // Only the latest rollout of each release counts: one rolled back and then rolled out again is back in the running.
        var latest = (await db.Rollouts.AsNoTracking().Select(r => new { r.ReleaseVersion, r.CreatedAt, r.State }).ToListAsync(ct))
            .GroupBy(r => r.ReleaseVersion).ToDictionary(g => g.Key, g => g.MaxBy(r => r.CreatedAt)!.State);
        return NightlyCandidates.Choose(releases.Select(r => new NightlyCandidate(r.Version, r.CreatedAt, r.Status, r.Pinned, r.Retired,
            latest.TryGetValue(r.Version, out var state) && state == RolloutState.RolledBack)), Max);
    }

    /// <summary>The versions tonight validates, pinned first.</summary>
    public async Task<IReadOnlyList<string>> TonightAsync(CancellationToken ct) =>
        (await ChooseAsync(ct)).Where(c => c.Included).Select(c => c.Version).ToList();

    public Task<Release> PinAsync(string version, string actor, string reason, CancellationToken ct) =>
        MarkAsync(version, "Pin", actor, reason, (r, now) => r.PinForNightly(actor, reason, now), ct);

    public Task<Release> UnpinAsync(string version, string actor, string reason, CancellationToken ct) =>
        MarkAsync(version, "Unpin", actor, reason, (r, now) => r.UnpinForNightly(actor, reason, now), ct);

    public Task<Release> RetireAsync(string version, string actor, string reason, CancellationToken ct) =>
        MarkAsync(version, "Retire", actor, reason, (r, now) => r.Retire(actor, reason, now), ct);

    // Two leads marking at once would each read the release before the other saved, and both be told they had pinned it.
    private readonly SemaphoreSlim _oneMarkAtATime = new(1, 1);

    private async Task<Release> MarkAsync(string version, string action, string actor, string reason, Action<Release, DateTimeOffset> mark, CancellationToken ct)
    {
        await _oneMarkAtATime.WaitAsync(ct);
        try { return await MarkAloneAsync(version, action, actor, reason, mark, ct); }
        finally { _oneMarkAtATime.Release(); }
    }

    private async Task<Release> MarkAloneAsync(string version, string action, string actor, string reason, Action<Release, DateTimeOffset> mark, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = await db.Releases.FirstOrDefaultAsync(r => r.Version == version, ct)
            ?? throw new LensRequestException("version", $"There is no release '{version}'.", StatusCodes.Status404NotFound);
        var now = clock.GetUtcNow();
        mark(release, now);
        db.AuditEntries.Add(AuditEntry.ForSubject("release:" + release.Version, action, actor, reason.Trim(), now));
        await db.SaveChangesAsync(ct);
        events.Publish(new LensEvent(LensEvent.ReleaseChanged, now, Detail: release.Version));
        return release;
    }
}
