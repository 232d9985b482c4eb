using Lens.Core.Calibration;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>
/// Keeps impressions as per-day counts by exact score (and the day's distinct queries), in one transaction per
/// batch, so a batch is durable before it is acknowledged and counted once. The figures read back are exact.
/// </summary>
public sealed class ImpressionStore(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, LensEvents events)
{
    public const string Baseline = "baseline";
    public const string Candidate = "candidate";

    private static readonly TimeSpan AnnounceEvery = TimeSpan.FromSeconds(1);
    private DateTimeOffset _lastAnnounced;
    private int _trailingQueued;

    /// <summary>Stores the valid impressions of one batch, under the release the flag's latest rollout serves (candidate).</summary>
    public async Task AddAsync(string flag, string variant, IReadOnlyList<Impression> impressions, CancellationToken ct)
    {
        if (impressions.Count == 0) return;
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var release = variant == Baseline ? Baseline
            : await db.Rollouts.AsNoTracking().Where(r => r.Flag == flag).OrderByDescending(r => r.UpdatedAt).Select(r => r.ReleaseVersion).FirstOrDefaultAsync(ct) ?? "";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var group in impressions.GroupBy(i => i.Score))
        {
            long clicks = group.LongCount(i => i.Clicked);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO ImpressionAggregates (Flag, Release, Variant, Day, Score, Impressions, Clicks) VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}) " +
                "ON CONFLICT (Flag, Release, Variant, Day, Score) DO UPDATE SET Impressions = Impressions + excluded.Impressions, Clicks = Clicks + excluded.Clicks",
                [flag, release, variant, day.ToString("yyyy-MM-dd"), group.Key, group.LongCount(), clicks], ct);
        }
        foreach (var query in impressions.Select(i => i.QueryId).Distinct(StringComparer.Ordinal))
            await db.Database.ExecuteSqlRawAsync(
                "INSERT OR IGNORE INTO ImpressionQueries (Flag, Release, Variant, Day, QueryId) VALUES ({0}, {1}, {2}, {3}, {4})",
                [flag, release, variant, day.ToString("yyyy-MM-dd"), query], ct);
        await transaction.CommitAsync(ct);
        Announce(flag, now);
    }

    /// <summary>
    /// Pages refit on this. A busy service sends many batches a second and one refit a second is plenty, but the last
    /// batch of a burst must still be announced: a batch inside the quiet second queues one announcement for its end.
    /// </summary>
    private void Announce(string flag, DateTimeOffset now)
    {
        var wait = _lastAnnounced + AnnounceEvery - now;
        if (wait <= TimeSpan.Zero)
        {
            _lastAnnounced = now;
            events.Publish(new LensEvent(LensEvent.ImpressionsReceived, now, Flag: flag));
            return;
        }
        if (Interlocked.Exchange(ref _trailingQueued, 1) == 1) return;
        _ = Task.Delay(wait, clock).ContinueWith(_ =>
        {
            Interlocked.Exchange(ref _trailingQueued, 0);
            _lastAnnounced = clock.GetUtcNow();
            events.Publish(new LensEvent(LensEvent.ImpressionsReceived, _lastAnnounced, Flag: flag));
        }, TaskScheduler.Default);
    }

    /// <summary>A day's impressions of a flag and variant, by score, and how many queries they came from.</summary>
    public static async Task<(ScoreCount[] Histogram, long Queries, string Release)> DayAsync(LensDbContext db, string flag, string variant, DateOnly day, CancellationToken ct)
    {
        var rows = await db.ImpressionAggregates.AsNoTracking().Where(a => a.Flag == flag && a.Variant == variant && a.Day == day).ToListAsync(ct);
        if (rows.Count == 0) return ([], 0, "");
        // A day that changed release shows the one with the most impressions that day.
        var release = variant == Baseline ? Baseline : rows.GroupBy(r => r.Release).OrderByDescending(g => g.Sum(r => r.Impressions)).First().Key;
        var histogram = rows.Where(r => r.Release == release).OrderBy(r => r.Score).Select(r => new ScoreCount(r.Score, r.Impressions, r.Clicks)).ToArray();
        var queries = await db.ImpressionQueries.AsNoTracking().LongCountAsync(q => q.Flag == flag && q.Variant == variant && q.Day == day && q.Release == release, ct);
        return (histogram, queries, release);
    }
}
