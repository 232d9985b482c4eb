using System.Diagnostics;
using Lens.Dashboard.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Retention;

/// <summary>
/// Prunes history past its retention period in small batches on its own connection: each batch is one short
/// transaction, with a pause after it, so ingest's writer and the pages never wait behind a long delete.
/// One run at a time; the job and a manual run share this singleton.
/// </summary>
public sealed class RetentionService(LensStorage storage, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private volatile RetentionRun? _lastRun;

    public RetentionRun? LastRun => _lastRun;

    /// <summary>Runs now, or returns null when a run is already under way.</summary>
    public async Task<RetentionRun?> TryRunAsync(CancellationToken ct = default)
    {
        if (!await _running.WaitAsync(0, ct)) return null;
        try
        {
            return await RunAsync(ct);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Runs now, after any run already under way (a manual run waits for the job's rather than being refused).</summary>
    public async Task<RetentionRun> RunNowAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            return await RunAsync(ct);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<RetentionRun> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        // Work time is measured on the real clock: the app's clock may be a test's or the soak's fake one.
        var watch = Stopwatch.StartNew();
        var deleted = Enum.GetValues<RetentionKind>().ToDictionary(k => k, _ => 0L);
        long folded = 0;
        var batches = 0;
        string? error = null;
        try
        {
            await using var connection = new SqliteConnection(storage.ConnectionString);
            await connection.OpenAsync(ct);
            SqlitePragmas.Apply(connection);

            // Whole minutes only, so a minute is either all 5-second rows or one folded row once the run is done.
            var fineCutoff = MetricDownsampler.MinuteOf((now - o.FineMetrics).ToUnixTimeSeconds());
            folded = await RepeatAsync(() => MetricDownsampler.FoldBatch(connection, fineCutoff, o.BatchSize), o, () => batches++, ct);

            foreach (var (kind, sql, cutoff) in Deletes(o, now))
                deleted[kind] += await RepeatAsync(() => Delete(connection, sql, cutoff, o.BatchSize), o, () => batches++, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What was committed stays committed; the next run picks up where this one stopped.
            logger.LogError(ex, "Retention run failed after {Batches} batches.", batches);
            error = ex.Message;
        }
        var run = new RetentionRun(now, watch.Elapsed, folded, deleted, batches, error);
        _lastRun = run;
        logger.LogInformation("Retention run: folded {Folded} 5-second buckets, deleted {Deleted} rows in {Batches} batches, {Ms} ms.",
            folded, deleted.Values.Sum(), batches, (long)watch.Elapsed.TotalMilliseconds);
        return run;
    }

    private static async Task<long> RepeatAsync(Func<int> batch, RetentionOptions o, Action counted, CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var n = batch();
            if (n == 0) return total;
            counted();
            total += n;
            if (n < o.BatchSize) return total;
            // A real pause, not the app's clock: it is there to let other writers take SQLite's lock.
            if (o.PauseBetweenBatches > TimeSpan.Zero) await Task.Delay(o.PauseBetweenBatches, ct);
        }
    }

    private static int Delete(SqliteConnection connection, string sql, object cutoff, int batchSize)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$n", batchSize);
        return command.ExecuteNonQuery();
    }

    private static string Batch(string table, string alias, string condition) =>
        $"DELETE FROM {table} WHERE rowid IN (SELECT {alias}.rowid FROM {table} {alias} WHERE {condition} LIMIT $n)";

    /// <summary>Each kind's batched delete and its cut-off, in the unit its table stores time in.</summary>
    private static IEnumerable<(RetentionKind Kind, string Sql, object Cutoff)> Deletes(RetentionOptions o, DateTimeOffset now)
    {
        long Ticks(TimeSpan keep) => (now - keep).UtcTicks;
        yield return (RetentionKind.MinuteMetrics,
            Batch("MetricMinuteBuckets", "m", $"m.MinuteStart < $cutoff AND NOT {RunningRollouts.OwnsBucket("m", "MinuteStart")}"),
            MetricDownsampler.MinuteOf((now - o.MinuteMetrics).ToUnixTimeSeconds()));
        yield return (RetentionKind.DeliveredWebhooks,
            Batch("Outbox", "o", "(o.DeliveredAt IS NOT NULL AND o.DeliveredAt < $cutoff) OR (o.GaveUpAt IS NOT NULL AND o.GaveUpAt < $cutoff)"),
            Ticks(o.DeliveredWebhooks));
        yield return (RetentionKind.ProbeRuns, Batch("ProbeRuns", "p", "p.At < $cutoff"), Ticks(o.ProbeRuns));
        yield return (RetentionKind.GateVerdicts,
            Batch("GateVerdicts", "v", $"v.At < $cutoff AND v.RolloutId NOT IN ({RunningRollouts.Ids})"), Ticks(o.GateVerdicts));
        yield return (RetentionKind.DetectorObservations, Batch("DetectorObservations", "d", "d.At < $cutoff"), Ticks(o.DetectorObservations));
        yield return (RetentionKind.ResolvedAlerts,
            Batch("Alerts", "a", $"a.State = 'Resolved' AND a.ResolvedAt < $cutoff AND (a.RolloutId IS NULL OR a.RolloutId NOT IN ({RunningRollouts.Ids}))"),
            Ticks(o.ResolvedAlerts));
        yield return (RetentionKind.Gauges,
            Batch("GaugeBuckets", "g", $"g.BucketStart < $cutoff AND NOT {RunningRollouts.OwnsBucket("g", "BucketStart")}"),
            (now - o.Gauges).ToUnixTimeSeconds());
        var day = DateOnly.FromDateTime((now - o.Impressions).UtcDateTime);
        yield return (RetentionKind.Impressions,
            Batch("ImpressionAggregates", "i", $"i.Day < $cutoff AND NOT {RunningRollouts.OwnsImpressionDay("i")}"), day);
        yield return (RetentionKind.Impressions,
            Batch("ImpressionQueries", "i", $"i.Day < $cutoff AND NOT {RunningRollouts.OwnsImpressionDay("i")}"), day);
    }
}
