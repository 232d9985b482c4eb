using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>Today's calibration of every flag that has impressions today, baseline and candidate, refitted on each read.</summary>
public sealed class CalibrationReadModel(IDbContextFactory<LensDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<CalibrationCurveView>> TodayAsync(CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ImpressionAggregates.AsNoTracking().Where(a => a.Day == day).Select(a => new { a.Flag, a.Variant }).Distinct().ToListAsync(ct);
        var views = new List<CalibrationCurveView>();
        foreach (var key in keys.OrderBy(k => k.Flag, StringComparer.Ordinal).ThenBy(k => k.Variant, StringComparer.Ordinal))
        {
            var (histogram, queries, release) = await ImpressionStore.DayAsync(db, key.Flag, key.Variant, day, ct);
            if (histogram.Length > 0) views.Add(CalibrationCurveView.From(key.Flag, key.Variant, release, histogram, queries));
        }
        return views;
    }
}
