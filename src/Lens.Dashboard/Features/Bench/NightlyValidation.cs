using Lens.Core.Bench;
using Lens.Core.Releases;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// The nightly validation: every candidate release is benched live on every slice, once per UTC night. A night
/// passes when all its slices pass; consecutive passing nights make a release eligible for sign-off.
/// </summary>
public sealed class NightlyValidation(
    IDbContextFactory<LensDbContext> dbFactory,
    BenchRunner runner,
    IOptions<BenchOptions> bench,
    IOptions<NightlyOptions> nightly,
    IWebHostEnvironment environment,
    TimeProvider clock,
    ILogger<NightlyValidation> logger)
{
    public const string Actor = "nightly";
    public const string WholeSet = "all";

    // The scheduled job and a manual run may start the same night at once; each reads "not validated tonight" before the
    // other has created a run. One night at a time makes the read and the creation one step.
    private readonly SemaphoreSlim _oneNightAtATime = new(1, 1);

    /// <summary>Runs tonight's validation for the candidates not yet validated tonight; returns the runs it made.</summary>
    public async Task<IReadOnlyList<BenchRun>> RunNightAsync(CancellationToken ct)
    {
        await _oneNightAtATime.WaitAsync(ct);
        try
        {
            return await RunNightAloneAsync(ct);
        }
        finally
        {
            _oneNightAtATime.Release();
        }
    }

    private async Task<IReadOnlyList<BenchRun>> RunNightAloneAsync(CancellationToken ct)
    {
        var night = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var slices = LoadSlices();
        List<string> versions;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var validated = await db.BenchRuns.Where(r => r.Night == night).Select(r => r.Release).Distinct().ToListAsync(ct);
            versions = (await db.Releases.AsNoTracking().Where(r => r.Status == ReleaseStatus.Candidate)
                .OrderByDescending(r => r.CreatedAt).Take(nightly.Value.MaxReleases).Select(r => r.Version).ToListAsync(ct))
                .Where(v => !validated.Contains(v)).ToList();
        }
        logger.LogInformation("Nightly validation of {Night:yyyy-MM-dd}: {Count} release(s) over {Slices} slice(s)", night, versions.Count, slices.Count);

        var runs = new List<BenchRun>();
        foreach (var version in versions)
            foreach (var dataset in slices)
            {
                var run = await runner.CreateLiveAsync(version, dataset, dataset.Name, night, Actor, ct);
                runs.Add(await runner.ExecuteLiveAsync(run.Id, dataset, ct));
            }
        return runs;
    }

    public async Task<IReadOnlyList<NightSummary>> NightsAsync(string version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only the columns a night's tile needs; the stored results only of failed slices, to say which gate failed.
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.Release == version && r.Night != null)
            .Select(r => new { Night = r.Night!.Value, r.Slice, r.Id, r.Status, r.Verdict, r.NdcgDelta, r.RecallDelta, r.Error, r.MeasuresFollow,
                Results = r.Verdict == Lens.Core.Gates.Verdict.Fail ? r.ResultsJson : null })
            .ToListAsync(ct);
        return runs.GroupBy(r => r.Night).OrderBy(g => g.Key)
            .Select(g => new NightSummary(g.Key, g.All(r => BenchRun.Passes(r.Status, r.Verdict)),
                g.OrderBy(r => r.Slice, StringComparer.Ordinal).Select(r => new NightSlice(r.Slice ?? WholeSet, r.Id, r.Verdict, r.NdcgDelta, r.RecallDelta, r.Error,
                    BenchResultsReader.FailedGates(r.Results), r.MeasuresFollow)).ToArray()))
            .ToArray();
    }

    public static int PassingStreak(IEnumerable<NightSummary> nights) =>
        NightlyStreak.Count(nights.Select(n => new NightlyResult(n.Night, n.Passed)));

    /// <summary>The configured slices, or the final bench's pinned set as one slice when none are configured.</summary>
    public IReadOnlyList<PinnedDataset> LoadSlices()
    {
        var slices = nightly.Value.Slices.Count > 0
            ? nightly.Value.Slices.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))
            : [(WholeSet, bench.Value.Dataset)];
        return slices.Select(s => PinnedDataset.Load(s.Item1, s.Item2, environment.ContentRootPath)).ToArray();
    }
}
