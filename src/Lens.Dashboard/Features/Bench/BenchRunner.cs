using Lens.Core.Bench;
using Lens.Core.Releases;
using Lens.Core.Statistics;
using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// Runs benches and keeps their results: over run files at once, or live against the configured endpoints
/// (called from the bench worker and the nightly job, never from a page). Progress is saved and announced as
/// queries come back, so pages show it live.
/// </summary>
public sealed class BenchRunner(
    IDbContextFactory<LensDbContext> dbFactory,
    LiveBenchClient live,
    IOptions<BenchOptions> options,
    TimeProvider clock,
    LensEvents events,
    IWebHostEnvironment environment,
    ILogger<BenchRunner> logger)
{
    public static IReadOnlyList<TrecMeasure> Measures => TrecMeasure.Defaults;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public async Task<BenchRun> RunFilesAsync(string version, string qrels, string baseline, string candidate, string actor, CancellationToken ct)
    {
        var release = await FindReleaseAsync(version, ct);
        var judgments = Read(qrels, "qrels", TrecFiles.ReadQrels);
        var baseEval = TrecEvaluator.Evaluate(judgments, Read(baseline, "baseline", TrecFiles.ReadRun), Measures);
        var candEval = TrecEvaluator.Evaluate(judgments, Read(candidate, "candidate", TrecFiles.ReadRun), Measures);
        if (baseEval.PerQuery.Count == 0 && candEval.PerQuery.Count == 0)
            throw new BenchRequestException("qrels", "No query has both judgments and results in either run: check that the qids match.");

        var run = BenchRun.Start(release.Version, BenchRun.FilesSource, null, null, actor, Math.Max(baseEval.PerQuery.Count, candEval.PerQuery.Count), clock.GetUtcNow());
        Finish(run, release, baseEval, candEval, null, null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.BenchRuns.Add(run);
        db.AuditEntries.Add(AuditEntry.ForSubject("release:" + release.Version, "Bench", actor, $"run files: {run.Verdict}", run.StartedAt));
        await db.SaveChangesAsync(ct);
        Announce(run);
        return run;
    }

    /// <summary>Records a live bench as running; <see cref="ExecuteLiveAsync"/> then does the work.</summary>
    public async Task<BenchRun> CreateLiveAsync(string version, PinnedDataset dataset, string? slice, DateOnly? night, string actor, CancellationToken ct)
    {
        if (!options.Value.LiveConfigured)
            throw new BenchRequestException("Bench:CandidateEndpoint", "No live bench endpoints are configured (Bench:BaselineEndpoint and Bench:CandidateEndpoint); bench run files instead.", StatusCodes.Status409Conflict);
        var release = await FindReleaseAsync(version, ct);
        var run = BenchRun.Start(release.Version, BenchRun.LiveSource, slice, night, actor, dataset.Queries.Count, clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.BenchRuns.Add(run);
        await db.SaveChangesAsync(ct);
        Announce(run);
        return run;
    }

    public async Task<BenchRun> ExecuteLiveAsync(Guid runId, PinnedDataset dataset, CancellationToken ct)
    {
        var o = options.Value;
        BenchRun run;
        Release release;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            run = await db.BenchRuns.SingleAsync(r => r.Id == runId, ct);
            release = await db.Releases.AsNoTracking().SingleAsync(r => r.Version == run.Release, ct);
        }
        try
        {
            var baselineDone = 0;
            var candidateDone = 0;
            var sides = Task.WhenAll(
                live.RunAsync(o.BaselineEndpoint!, "Bench:BaselineEndpoint", run.Release, dataset.Queries, d => Volatile.Write(ref baselineDone, d), ct),
                live.RunAsync(o.CandidateEndpoint!, "Bench:CandidateEndpoint", run.Release, dataset.Queries, d => Volatile.Write(ref candidateDone, d), ct));
            // Progress is saved a few times a second, not per query: a page needs the bar to move, not a write per request.
            var reported = 0;
            while (await Task.WhenAny(sides, Task.Delay(ProgressInterval, clock, ct)) != sides)
            {
                var done = (Volatile.Read(ref baselineDone) + Volatile.Read(ref candidateDone)) / 2;
                if (done == reported) continue;
                reported = done;
                await SaveAsync(runId, r => r.Progress(done), ct);
            }
            var results = await sides;
            var baseEval = TrecEvaluator.Evaluate(dataset.Qrels, results[0].Run, Measures);
            var candEval = TrecEvaluator.Evaluate(dataset.Qrels, results[1].Run, Measures);
            if (candEval.PerQuery.Count == 0 && baseEval.PerQuery.Count == 0)
                throw new BenchRequestException("dataset", $"None of the {dataset.Queries.Count} queries of '{dataset.Name}' has judgments: check the qids of its qrels.");
            return await SaveAsync(runId, r => Finish(r, release, baseEval, candEval, LatencyFigures.From(results[0]), LatencyFigures.From(results[1])), ct);
        }
        catch (Exception ex) when (ex is BenchRequestException or HttpRequestException or TrecFormatException or IOException)
        {
            logger.LogWarning(ex, "Live bench {Run} of {Release} failed", runId, run.Release);
            return await SaveAsync(runId, r => r.Fail(ex.Message, clock.GetUtcNow()), CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // A night's bench stays running: the next start queues it again (NightlyValidation.ResumeCutOffAsync), so a
            // restart neither fails the night nor counts the release as validated on a bench that never finished.
            if (run.Night is null)
                await SaveAsync(runId, r => r.Interrupt("the dashboard shut down while the bench ran.", clock.GetUtcNow()), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// A bench still running when the process starts was cut off by a restart: say so rather than leave it spinning.
    /// Nightly benches are resumed instead (<see cref="NightlyValidation.ResumeCutOffAsync"/>), so they are left alone here.
    /// </summary>
    public async Task FailInterruptedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = await db.BenchRuns.Where(r => r.Status == BenchRunStatus.Running && r.Night == null).ToListAsync(ct);
        foreach (var run in stale) run.Interrupt("the dashboard restarted while this bench ran. Start it again.", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private void Finish(BenchRun run, Release release, TrecEvaluation baseEval, TrecEvaluation candEval, LatencyFigures? baseLatency, LatencyFigures? candLatency)
    {
        var o = options.Value;
        var comparisons = BenchComparer.Compare(baseEval, candEval, new PairedBootstrap(o.BootstrapIterations, o.Confidence));
        var ndcg = comparisons.FirstOrDefault(m => m.Measure == "ndcg_cut_10")?.Delta;
        var recall = comparisons.FirstOrDefault(m => m.Measure == "recall_50")?.Delta;
        var figures = new BenchFigures(ndcg, recall, baseLatency?.P95Ms, candLatency?.P95Ms, candLatency?.P99Ms, candLatency?.SpanCoverage);
        var gates = ReleaseGates.Evaluate(figures, o.Gates.ToPolicy());
        var now = clock.GetUtcNow();
        var outcome = new BenchOutcome(release.Version, release.Fingerprint, run.Source, run.Slice, run.Night, now, comparisons, baseEval, candEval,
            baseLatency, candLatency, gates, ReleaseGates.Overall(gates), o.BootstrapIterations, o.Confidence, ComparedAgainst(run.Source));
        run.Complete(outcome.Verdict, ndcg, recall, BenchReportWriter.Json(outcome), BenchReportWriter.Markdown(outcome), BenchReportWriter.Csv(outcome), now);
        WriteFiles(run);
    }

    /// <summary>What the candidate was compared with, in words a report can print.</summary>
    private string ComparedAgainst(string source) => source == BenchRun.LiveSource
        ? $"the baseline search at {options.Value.BaselineEndpoint}"
        : "the baseline run file submitted with the bench";

    /// <summary>The result files on disk too, for tools that collect artifacts; the stored copies stay the source for downloads.</summary>
    private void WriteFiles(BenchRun run)
    {
        var folder = ResultsFolderOf(run);
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, BenchReportWriter.JsonFile), run.ResultsJson);
            File.WriteAllText(Path.Combine(folder, BenchReportWriter.MarkdownFile), run.SummaryMarkdown);
            File.WriteAllText(Path.Combine(folder, BenchReportWriter.CsvFile), run.MetricsCsv);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not write bench {Run}'s result files to {Folder}; they remain downloadable from the dashboard", run.Id, folder);
        }
    }

    private string ResultsFolderOf(BenchRun run)
    {
        // A version is free text: keep it readable as a folder name, but never a path of its own ("../x", "a/b").
        var safeRelease = string.Concat(run.Release.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        if (safeRelease.Trim('.').Length == 0) safeRelease = "_" + safeRelease;
        return Path.Combine(Path.GetFullPath(options.Value.ResultsFolder, environment.ContentRootPath), safeRelease, run.Id.ToString("N"));
    }

    private async Task<BenchRun> SaveAsync(Guid runId, Action<BenchRun> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.BenchRuns.SingleAsync(r => r.Id == runId, ct);
        change(run);
        await db.SaveChangesAsync(ct);
        Announce(run);
        return run;
    }

    private void Announce(BenchRun run) =>
        events.Publish(new LensEvent(LensEvent.BenchChanged, clock.GetUtcNow(), Detail: run.Release));

    private async Task<Release> FindReleaseAsync(string version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Version == version, ct)
            ?? throw new BenchRequestException("version", $"There is no release '{version}'.", StatusCodes.Status404NotFound);
    }

    private static T Read<T>(string? text, string name, Func<byte[], string, T> read)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new BenchRequestException(name, $"The {name} file is empty.");
        try
        {
            return read(System.Text.Encoding.UTF8.GetBytes(text), name);
        }
        catch (TrecFormatException ex)
        {
            throw new BenchRequestException(name, ex.Message);
        }
    }
}
