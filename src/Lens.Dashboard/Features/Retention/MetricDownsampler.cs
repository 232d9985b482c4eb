using Lens.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace Lens.Dashboard.Features.Retention;

/// <summary>
/// Folds 5-second metric buckets older than the cut-off into 1-minute buckets, one small transaction per batch: read the
/// oldest rows, add each into its minute (merging with a minute row an earlier batch started), delete them. Adding is exact,
/// so requests, errors, result sums and the latency histogram of any whole minute are what the 5-second rows held.
/// </summary>
internal static class MetricDownsampler
{
    public const int MinuteSeconds = 60;

    /// <summary>Folds at most <paramref name="batchSize"/> rows older than <paramref name="cutoffSecond"/>; returns how many.</summary>
    public static int FoldBatch(SqliteConnection connection, long cutoffSecond, int batchSize)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var rows = new List<(long RowId, string Flag, int Variant, long Minute, long Requests, long Errors, byte[] Histogram, long Samples, long Total, long Squares)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"""
                SELECT b.rowid, b.Flag, b.Variant, b.BucketStart, b.Requests, b.Errors, b.Histogram, b.ResultSamples, b.TotalResults, b.TotalResultSquares
                FROM MetricBuckets b
                WHERE b.BucketStart < $cutoff AND NOT {RunningRollouts.OwnsBucket("b", "BucketStart")}
                ORDER BY b.BucketStart LIMIT $n
                """;
            select.Parameters.AddWithValue("$cutoff", cutoffSecond);
            select.Parameters.AddWithValue("$n", batchSize);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var start = reader.GetInt64(3);
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), MinuteOf(start), reader.GetInt64(4), reader.GetInt64(5),
                    (byte[])reader.GetValue(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9)));
            }
        }
        if (rows.Count == 0) return 0;

        foreach (var minute in rows.GroupBy(r => (r.Flag, r.Variant, r.Minute)))
        {
            var acc = LoadMinute(connection, transaction, minute.Key);
            foreach (var r in minute) acc.Add(r.Requests, r.Errors, r.Histogram, r.Samples, r.Total, r.Squares);
            SaveMinute(connection, transaction, minute.Key, acc);
        }
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM MetricBuckets WHERE rowid = $id";
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var r in rows)
            {
                id.Value = r.RowId;
                delete.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        return rows.Count;
    }

    public static long MinuteOf(long second) => second - (((second % MinuteSeconds) + MinuteSeconds) % MinuteSeconds);

    private static VariantAccumulator LoadMinute(SqliteConnection connection, SqliteTransaction transaction, (string Flag, int Variant, long Minute) key)
    {
        var acc = new VariantAccumulator();
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT Requests, Errors, Histogram, ResultSamples, TotalResults, TotalResultSquares FROM MetricMinuteBuckets WHERE Flag = $f AND Variant = $v AND MinuteStart = $m";
        select.Parameters.AddWithValue("$f", key.Flag);
        select.Parameters.AddWithValue("$v", key.Variant);
        select.Parameters.AddWithValue("$m", key.Minute);
        using var row = select.ExecuteReader();
        if (row.Read()) acc.Add(row.GetInt64(0), row.GetInt64(1), (byte[])row.GetValue(2), row.GetInt64(3), row.GetInt64(4), row.GetInt64(5));
        return acc;
    }

    private static void SaveMinute(SqliteConnection connection, SqliteTransaction transaction, (string Flag, int Variant, long Minute) key, VariantAccumulator acc)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO MetricMinuteBuckets (Flag, Variant, MinuteStart, Requests, Errors, Histogram, ResultSamples, TotalResults, TotalResultSquares)
            VALUES ($f, $v, $m, $requests, $errors, $histogram, $samples, $total, $squares)
            ON CONFLICT (Flag, Variant, MinuteStart) DO UPDATE SET
              Requests = excluded.Requests, Errors = excluded.Errors, Histogram = excluded.Histogram,
              ResultSamples = excluded.ResultSamples, TotalResults = excluded.TotalResults, TotalResultSquares = excluded.TotalResultSquares
            """;
        upsert.Parameters.AddWithValue("$f", key.Flag);
        upsert.Parameters.AddWithValue("$v", key.Variant);
        upsert.Parameters.AddWithValue("$m", key.Minute);
        upsert.Parameters.AddWithValue("$requests", acc.Requests);
        upsert.Parameters.AddWithValue("$errors", acc.Errors);
        upsert.Parameters.AddWithValue("$histogram", acc.Latency.ToBytes());
        upsert.Parameters.AddWithValue("$samples", acc.ResultSamples);
        upsert.Parameters.AddWithValue("$total", acc.TotalResults);
        upsert.Parameters.AddWithValue("$squares", acc.TotalResultSquares);
        upsert.ExecuteNonQuery();
    }
}
