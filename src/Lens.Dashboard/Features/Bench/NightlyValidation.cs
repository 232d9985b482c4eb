using Lens.Core.Bench;
using Lens.Core.Releases;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// The nightly validation: every chosen candidate release (<see cref="NightlyChoices"/>) is benched live on every
/// slice, once per UTC night. Starting a night records its benches and queues them for the bench worker; it does not
/// wait for them. A night passes when all its slices pass; consecutive passing nights make a release eligible for sign-off.
/// </summary>
public sealed class NightlyValidation(
    IDbContextFactory<LensDbContext> dbFactory,
    BenchRunner runner,
    BenchQueue queue,
    NightlyChoices choices,
    IOptions<BenchOptions> bench,
    IOptions<NightlyOptions> nightly,
    IWebHostEnvironment environment,
    TimeProvider clock,
    ILogger<NightlyValidation> logger)
{
    public const string Actor = "nightly";
    public const string WholeSet = "all";

    // The scheduled job and a manual run may start the same night at once; each reads "not validated tonight" before the
    // other has recorded a bench. One start at a time makes the read and the recording one step.
    private readonly SemaphoreSlim _oneStartAtATime = new(1, 1);

    /// <summary>
    /// Starts tonight's validation of the chosen candidates not yet validated tonight, unless a night is still running:
    /// then nothing new starts and the answer names the running night.
    /// </summary>
    public async Task<NightStart> StartNightAsync(CancellationToken ct)
    {
        await _oneStartAtATime.WaitAsync(ct);
        try
        {
            return await StartNightAloneAsync(ct);
        }
        finally
        {
            _oneStartAtATime.Release();
        }
    }

    private async Task<NightStart> StartNightAloneAsync(CancellationToken ct)
    {
        var night = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        List<string> validated;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // A night that began before midnight and still runs is the one to point at, not tonight's date.
            var running = await db.BenchRuns.AsNoTracking().Where(r => r.Night != null && r.Status == BenchRunStatus.Running)
                .OrderByDescending(r => r.Night).Select(r => r.Night).FirstOrDefaultAsync(ct);
            if (running is { } busy) return new NightStart(busy, false, 0);
            validated = await db.BenchRuns.Where(r => r.Night == night).Select(r => r.Release).Distinct().ToListAsync(ct);
        }
        var slices = LoadSlices();
        var versions = (await choices.TonightAsync(ct)).Where(v => !validated.Contains(v)).ToList();
        logger.LogInformation("Nightly validation of {Night:yyyy-MM-dd}: {Count} release(s) over {Slices} slice(s)", night, versions.Count, slices.Count);

        // Every bench is recorded before any is queued, so the night's size is known from its first moment (its progress).
        var runs = new List<(Guid Id, PinnedDataset Dataset)>();
        foreach (var version in versions)
            foreach (var dataset in slices)
                runs.Add(((await runner.CreateLiveAsync(version, dataset, dataset.Name, night, Actor, ct)).Id, dataset));
        foreach (var (id, dataset) in runs) queue.Enqueue(id, dataset);
        return new NightStart(night, runs.Count > 0, runs.Count);
    }

    /// <summary>
    /// Queues again, from their first query, the nightly benches a restart cut off (queued or half run), in the order
    /// they were recorded. A bench whose slice is no longer configured cannot resume and is recorded as interrupted.
    /// </summary>
    public async Task<int> ResumeCutOffAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutOff = await db.BenchRuns.Where(r => r.Night != null && r.Status == BenchRunStatus.Running).ToListAsync(ct);
        if (cutOff.Count == 0) return 0;
        Dictionary<string, PinnedDataset> slices;
        string? unreadable = null;
        try { slices = LoadSlices().ToDictionary(s => s.Name, StringComparer.Ordinal); }
        catch (Exception ex) when (ex is BenchRequestException or IOException or UnauthorizedAccessException or TrecFormatException)
        {
            slices = [];
            unreadable = ex.Message;
        }
        var resumed = new List<(Guid Id, PinnedDataset Dataset)>();
        foreach (var run in cutOff.OrderBy(r => r.StartedAt).ThenBy(r => r.Release, StringComparer.Ordinal).ThenBy(r => r.Slice, StringComparer.Ordinal))
        {
            if (slices.TryGetValue(run.Slice ?? WholeSet, out var dataset))
            {
                run.Restart();
                resumed.Add((run.Id, dataset));
            }
            else
            {
                run.Interrupt(unreadable is null
                    ? $"the dashboard restarted and slice '{run.Slice ?? WholeSet}' is no longer configured, so this bench cannot resume."
                    : $"the dashboard restarted and the nightly slices could not be read ({unreadable}).", clock.GetUtcNow());
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var (id, dataset) in resumed) queue.Enqueue(id, dataset);
        logger.LogInformation("Resumed {Count} nightly bench(es) cut off by a restart; {Lost} could not resume", resumed.Count, cutOff.Count - resumed.Count);
        return resumed.Count;
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
