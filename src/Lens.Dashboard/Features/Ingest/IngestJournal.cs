using System.Threading.Channels;
using Lens.Core.Metrics;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Persistence;
using Microsoft.Data.Sqlite;

namespace Lens.Dashboard.Features.Ingest;

/// <summary>
/// Makes accepted events durable before the client hears 202. Requests queue their batches; one writer
/// folds everything queued into per-(flag, variant, bucket) aggregates and commits them in a single SQLite
/// transaction (group commit), then releases the waiting requests. The writer is the only one who writes
/// these rows, so its cache of open buckets is the truth and rows are replaced whole.
/// </summary>
public sealed class IngestJournal(LensStorage storage, ILogger<IngestJournal> logger) : BackgroundService
{
    private const int MaxEntriesPerCommit = 1024;
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<(string Flag, int Variant, long Bucket), VariantAccumulator> _open = new();
    private readonly Dictionary<(string Flag, int Variant, string Name, long Bucket), GaugeAccumulator> _openGauges = new();

    public Task AppendAsync(IngestBatch batch, long bucket)
    {
        var entry = new Entry(batch, bucket, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(entry))
            throw new InvalidOperationException("The dashboard is shutting down and is not accepting events.");
        return entry.Done.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = new SqliteConnection(storage.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        SqlitePragmas.Apply(connection);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            await pragma.ExecuteNonQueryAsync(CancellationToken.None);
        }
        using var upsert = CreateUpsert(connection);
        using var gaugeUpsert = CreateGaugeUpsert(connection);
        var pending = new List<Entry>(MaxEntriesPerCommit);

        // Drains until the queue is completed at shutdown, so every request already queued is answered.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            pending.Clear();
            while (pending.Count < MaxEntriesPerCommit && _queue.Reader.TryRead(out var entry)) pending.Add(entry);
            try
            {
                Commit(connection, upsert, gaugeUpsert, pending);
                foreach (var e in pending) e.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not store {Count} ingest batches; they were not accepted.", pending.Count);
                _open.Clear();
                _openGauges.Clear();
                foreach (var e in pending) e.Done.TrySetException(ex);
            }
        }
    }

    private void Commit(SqliteConnection connection, SqliteCommand upsert, SqliteCommand gaugeUpsert, List<Entry> entries)
    {
        var touched = new HashSet<(string, int, long)>();
        var touchedGauges = new HashSet<(string, int, string, long)>();
        var perVariant = new VariantAccumulator?[2];
        foreach (var entry in entries)
        {
            // A batch has one flag and one time bucket: look its two rows up once, not once per event.
            var batch = entry.Batch;
            perVariant[0] = perVariant[1] = null;
            for (var i = 0; i < batch.Count; i++)
            {
                var variant = batch.Variants[i];
                var acc = perVariant[variant];
                if (acc is null)
                {
                    var key = (batch.Flag, (int)variant, entry.Bucket);
                    if (!_open.TryGetValue(key, out acc))
                    {
                        acc = Load(connection, key);
                        _open[key] = acc;
                    }
                    touched.Add(key);
                    perVariant[variant] = acc;
                }
                acc.Add(batch.LatencyBuckets[i], batch.Ok[i], batch.ResultCounts[i]);
            }
            foreach (var gauge in batch.Gauges)
            {
                var key = (batch.Flag, (int)gauge.Variant, gauge.Name, entry.Bucket);
                if (!_openGauges.TryGetValue(key, out var gaugeAcc))
                {
                    gaugeAcc = LoadGauge(connection, key);
                    _openGauges[key] = gaugeAcc;
                }
                gaugeAcc.Add(gauge.Value);
                touchedGauges.Add(key);
            }
        }

        using var transaction = connection.BeginTransaction();
        upsert.Transaction = transaction;
        foreach (var key in touched)
        {
            var acc = _open[key];
            upsert.Parameters["$flag"].Value = key.Item1;
            upsert.Parameters["$variant"].Value = key.Item2;
            upsert.Parameters["$bucket"].Value = key.Item3;
            upsert.Parameters["$requests"].Value = acc.Requests;
            upsert.Parameters["$errors"].Value = acc.Errors;
            upsert.Parameters["$histogram"].Value = acc.Latency.ToBytes();
            upsert.Parameters["$resultSamples"].Value = acc.ResultSamples;
            upsert.Parameters["$totalResults"].Value = acc.TotalResults;
            upsert.Parameters["$totalResultSquares"].Value = acc.TotalResultSquares;
            upsert.ExecuteNonQuery();
        }
        gaugeUpsert.Transaction = transaction;
        foreach (var key in touchedGauges)
        {
            var acc = _openGauges[key];
            gaugeUpsert.Parameters["$flag"].Value = key.Item1;
            gaugeUpsert.Parameters["$variant"].Value = key.Item2;
            gaugeUpsert.Parameters["$name"].Value = key.Item3;
            gaugeUpsert.Parameters["$bucket"].Value = key.Item4;
            gaugeUpsert.Parameters["$samples"].Value = acc.Samples;
            gaugeUpsert.Parameters["$sum"].Value = acc.Sum;
            gaugeUpsert.Parameters["$min"].Value = acc.Min;
            gaugeUpsert.Parameters["$max"].Value = acc.Max;
            gaugeUpsert.ExecuteNonQuery();
        }
        transaction.Commit();
        EvictClosedBuckets();
    }

    private void EvictClosedBuckets()
    {
        if (_openGauges.Count >= 256)
        {
            var newestGauge = _openGauges.Keys.Max(k => k.Bucket);
            foreach (var key in _openGauges.Keys.Where(k => k.Bucket < newestGauge - 2 * Metrics.MetricsClock.BucketSeconds).ToList())
                _openGauges.Remove(key);
        }
        if (_open.Count < 256) return;
        var newest = _open.Keys.Max(k => k.Bucket);
        foreach (var key in _open.Keys.Where(k => k.Bucket < newest - 2 * Metrics.MetricsClock.BucketSeconds).ToList())
            _open.Remove(key);
    }

    private static VariantAccumulator Load(SqliteConnection connection, (string Flag, int Variant, long Bucket) key)
    {
        var acc = new VariantAccumulator();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT Requests, Errors, Histogram, ResultSamples, TotalResults, TotalResultSquares FROM MetricBuckets WHERE Flag = $f AND Variant = $v AND BucketStart = $b";
        select.Parameters.AddWithValue("$f", key.Flag);
        select.Parameters.AddWithValue("$v", key.Variant);
        select.Parameters.AddWithValue("$b", key.Bucket);
        using var row = select.ExecuteReader();
        if (row.Read()) acc.Add(row.GetInt64(0), row.GetInt64(1), (byte[])row.GetValue(2), row.GetInt64(3), row.GetInt64(4), row.GetInt64(5));
        return acc;
    }

    private static GaugeAccumulator LoadGauge(SqliteConnection connection, (string Flag, int Variant, string Name, long Bucket) key)
    {
        var acc = new GaugeAccumulator();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT Samples, Sum, Min, Max FROM GaugeBuckets WHERE Flag = $f AND Variant = $v AND Name = $n AND BucketStart = $b";
        select.Parameters.AddWithValue("$f", key.Flag);
        select.Parameters.AddWithValue("$v", key.Variant);
        select.Parameters.AddWithValue("$n", key.Name);
        select.Parameters.AddWithValue("$b", key.Bucket);
        using var row = select.ExecuteReader();
        if (row.Read()) acc.Add(row.GetInt64(0), row.GetDouble(1), row.GetDouble(2), row.GetDouble(3));
        return acc;
    }

    private static SqliteCommand CreateGaugeUpsert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO GaugeBuckets (Flag, Variant, Name, BucketStart, Samples, Sum, Min, Max)
            VALUES ($flag, $variant, $name, $bucket, $samples, $sum, $min, $max)
            ON CONFLICT (Flag, Variant, Name, BucketStart) DO UPDATE SET
              Samples = excluded.Samples, Sum = excluded.Sum, Min = excluded.Min, Max = excluded.Max
            """;
        foreach (var name in new[] { "$flag", "$variant", "$name", "$bucket", "$samples", "$sum", "$min", "$max" })
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static SqliteCommand CreateUpsert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO MetricBuckets (Flag, Variant, BucketStart, Requests, Errors, Histogram, ResultSamples, TotalResults, TotalResultSquares)
            VALUES ($flag, $variant, $bucket, $requests, $errors, $histogram, $resultSamples, $totalResults, $totalResultSquares)
            ON CONFLICT (Flag, Variant, BucketStart) DO UPDATE SET
              Requests = excluded.Requests, Errors = excluded.Errors, Histogram = excluded.Histogram,
              ResultSamples = excluded.ResultSamples, TotalResults = excluded.TotalResults, TotalResultSquares = excluded.TotalResultSquares
            """;
        foreach (var name in new[] { "$flag", "$variant", "$bucket", "$requests", "$errors", "$histogram", "$resultSamples", "$totalResults", "$totalResultSquares" })
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private sealed record Entry(IngestBatch Batch, long Bucket, TaskCompletionSource Done);
}
