using Lens.Core.Flags;
using Lens.Core.Sentinel;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Sentinel;

/// <summary>What the wall, the sentinel page and <c>GET /api/sentinel</c> show: state, success rate and each probe's last answer.</summary>
public sealed record SentinelStatus(
    bool Configured,
    bool Tripped,
    bool TrippedBySentinel,
    DateTimeOffset? LastRoundAt,
    DateTimeOffset? PassingSince,
    DateTimeOffset? RecoversAt,
    int Runs24h,
    double? SuccessRate24h,
    IReadOnlyList<ProbeRun> Latest)
{
    public static readonly TimeSpan RateWindow = TimeSpan.FromHours(24);

    public bool Healthy => Configured && !Tripped && Latest.All(r => r.Passed);

    public static async Task<SentinelStatus> LoadAsync(LensDbContext db, SentinelOptions options, DateTimeOffset now, CancellationToken ct = default)
    {
        var zeroResults = await db.KillSwitches.AsNoTracking().FirstOrDefaultAsync(k => k.Name == KillSwitch.ZeroResultsEmergency, ct);
        var since = now - RateWindow;
        var recent = await db.ProbeRuns.AsNoTracking().Where(r => r.At >= since).OrderBy(r => r.Id).ToListAsync(ct);
        var latestRound = recent.Count > 0 ? recent[^1].Round : (Guid?)null;
        var rounds = ProbeRound.Of(recent);
        var tripped = zeroResults?.Active == true;
        var bySentinel = tripped && zeroResults!.Actor == SentinelOptions.Actor;
        var passingSince = tripped ? SentinelPolicy.PassingSince(rounds) : null;
        return new SentinelStatus(
            options.Configured,
            tripped,
            bySentinel,
            recent.Count > 0 ? recent[^1].At : null,
            passingSince,
            bySentinel && passingSince is { } p ? p + options.RecoveryPeriod : null,
            recent.Count,
            recent.Count > 0 ? recent.Count(r => r.Passed) / (double)recent.Count : null,
            recent.Where(r => r.Round == latestRound).ToArray());
    }
}
