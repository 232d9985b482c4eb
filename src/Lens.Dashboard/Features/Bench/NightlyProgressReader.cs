using Lens.Core.Bench;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Reads a night's progress from its benches, the one record of it: a restart or a second reader sees the same.</summary>
public sealed class NightlyProgressReader(IDbContextFactory<LensDbContext> dbFactory)
{
    public async Task<NightProgress?> LoadAsync(DateOnly night, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.Night == night)
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Release).ThenBy(r => r.Slice).ToListAsync(ct);
        if (runs.Count == 0) return null;
        var done = runs.Count(r => r.Status != BenchRunStatus.Running);
        return new NightProgress(night, done == runs.Count ? NightProgress.Finished : NightProgress.Running, runs.Count, done,
            runs.Count(r => r.Passed), runs.Count(r => r.Status != BenchRunStatus.Running && !r.Passed), runs.Select(BenchRunView.From).ToList());
    }

    /// <summary>The newest night that has benches, or null before the first.</summary>
    public async Task<NightProgress?> LatestAsync(CancellationToken ct)
    {
        DateOnly? night;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            night = await db.BenchRuns.AsNoTracking().Where(r => r.Night != null).MaxAsync(r => r.Night, ct);
        return night is { } n ? await LoadAsync(n, ct) : null;
    }
}
