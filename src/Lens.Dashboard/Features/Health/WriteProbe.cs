using Lens.Dashboard.Persistence;
using Microsoft.Data.Sqlite;

namespace Lens.Dashboard.Features.Health;

/// <summary>
/// Whether the database can take a write right now: takes the write lock (BEGIN IMMEDIATE) on its own connection and
/// lets go at once, giving up after <see cref="Patience"/>. Nothing is written.
/// </summary>
public sealed class WriteProbe(LensStorage storage)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    /// <summary>A flood of readiness checks (it is anonymous) shares one probe a second instead of queueing for the write lock.</summary>
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _one = new(1, 1);
    private (string? Problem, long At)? _last;

    public async Task<string?> ProblemAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            if (_last is { } last && System.Diagnostics.Stopwatch.GetElapsedTime(last.At) < Reuse) return last.Problem;
            var problem = await ProbeAsync(ct);
            _last = (problem, System.Diagnostics.Stopwatch.GetTimestamp());
            return problem;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<string?> ProbeAsync(CancellationToken ct)
    {
        // Its own connection, outside EF's pool and its 30 s busy timeout: readiness must answer within seconds.
        var builder = new SqliteConnectionStringBuilder(storage.ConnectionString) { Pooling = false, DefaultTimeout = (int)Patience.TotalSeconds };
        var probe = Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(ct);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA busy_timeout={(int)Patience.TotalMilliseconds};";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            // Not deferred: BEGIN IMMEDIATE, which must take the write lock now or fail.
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            transaction.Rollback();
        }, ct);
        try
        {
            if (await Task.WhenAny(probe, Task.Delay(Patience * 1.5, ct)) != probe) return $"no write lock within {Patience.TotalSeconds:0} s";
            await probe;
            return null;
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }
}
