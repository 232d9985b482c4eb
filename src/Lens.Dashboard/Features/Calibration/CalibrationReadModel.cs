using Lens.Core.Calibration;
using Lens.Core.Flags;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>Today's calibration of every flag that has impressions today, refitted on each read, and every flag's calibration status.</summary>
public sealed class CalibrationReadModel(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock, IOptions<CalibrationOptions> options)
{
    private const int HistoryShown = 30;
    private const int DaysShown = 14;

    public async Task<IReadOnlyList<CalibrationCurveView>> TodayAsync(CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ImpressionAggregates.AsNoTracking().Where(a => a.Day == day).Select(a => new { a.Flag, a.Variant }).Distinct().ToListAsync(ct);
        var views = new List<CalibrationCurveView>();
        foreach (var key in keys.OrderBy(k => k.Flag, StringComparer.Ordinal).ThenBy(k => k.Variant, StringComparer.Ordinal))
        {
            var (histogram, queries, release) = await ImpressionStore.DayAsync(db, key.Flag, key.Variant, day, ct);
            if (histogram.Length > 0) views.Add(CalibrationCurveView.From(key.Flag, key.Variant, release, histogram, queries, options.Value));
        }
        return views;
    }

    /// <summary>Every flag with calibration history, published parameters or impressions today, in key order.</summary>
    public async Task<IReadOnlyList<CalibrationStatusView>> StatusAsync(CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        keys.UnionWith(await db.CalibrationDays.AsNoTracking().Select(d => d.Flag).Distinct().ToListAsync(ct));
        keys.UnionWith(await db.TauProposals.AsNoTracking().Select(p => p.Flag).Distinct().ToListAsync(ct));
        keys.UnionWith(await db.ImpressionAggregates.AsNoTracking().Where(a => a.Day == day).Select(a => a.Flag).Distinct().ToListAsync(ct));
        keys.UnionWith(await db.Flags.AsNoTracking().Where(f => f.Tau != null || f.LtrFallback).Select(f => f.Key).ToListAsync(ct));
        var views = new List<CalibrationStatusView>(keys.Count);
        foreach (var key in keys)
        {
            var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Key == key, ct);
            var history = await db.TauProposals.AsNoTracking().Where(p => p.Flag == key)
                .OrderByDescending(p => p.Day).ThenByDescending(p => p.ProposedAt).Take(HistoryShown).ToListAsync(ct);
            var days = await db.CalibrationDays.AsNoTracking().Where(d => d.Flag == key)
                .OrderByDescending(d => d.Day).ThenBy(d => d.Variant).Take(DaysShown * 2).ToListAsync(ct);
            views.Add(new CalibrationStatusView(key, flag?.Parameters ?? FlagParameters.None, flag?.DriftBaselineSince,
                days.FirstOrDefault(d => d.Variant == ImpressionStore.Candidate), [.. history.Select(TauHistoryEntry.From)], days));
        }
        return views;
    }
}
