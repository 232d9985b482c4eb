using System.Collections.Concurrent;
using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Ingest;

/// <summary>
/// Remembers, per caller, the answer to each batch sent with an <c>Idempotency-Key</c> for <see cref="Window"/>: a
/// client retrying after a dropped connection gets the first answer again and its events are not counted twice.
/// Kept in memory: a retry that spans a restart of the dashboard is counted again.
/// </summary>
public sealed class IngestIdempotency(TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (Task<IngestResponse> Answer, DateTimeOffset At)> _answers = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>
    /// The answer for this key: the remembered one (replayed = true), or a fresh one from <paramref name="ingest"/>, which
    /// runs at most once per key at a time. A failed or refused batch is forgotten, so it can be sent again.
    /// </summary>
    public async Task<(IngestResponse Answer, bool Replayed)> OnceAsync(string caller, string key, Func<Task<IngestResponse>> ingest)
    {
        Sweep();
        var id = caller + "\n" + key;
        var mine = new TaskCompletionSource<IngestResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = _answers.GetOrAdd(id, _ => (mine.Task, clock.GetUtcNow()));
        if (entry.Answer != mine.Task)
        {
            try
            {
                return (await entry.Answer, true);
            }
            catch (Exception) when (!entry.Answer.IsCompletedSuccessfully)
            {
                // The first attempt died (a dropped connection, say) and was forgotten: this retry is the one that counts.
                return await OnceAsync(caller, key, ingest);
            }
        }
        try
        {
            var answer = await ingest();
            mine.SetResult(answer);
            return (answer, false);
        }
        catch (Exception ex)
        {
            _answers.TryRemove(id, out _);
            mine.SetException(ex);
            throw;
        }
    }

    /// <summary>
    /// An ingest endpoint's answer under the request's <c>Idempotency-Key</c>, if it has one: the first answer is replayed
    /// (with <c>Idempotent-Replayed: true</c>) and the batch is not counted again. Keys are per caller and per endpoint.
    /// </summary>
    public async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> HandleAsync(HttpRequest request, string endpoint,
        Func<Task<Results<Accepted<IngestResponse>, ProblemHttpResult>>> ingest)
    {
        if (request.Headers[Header].ToString() is not { Length: > 0 } key) return await ingest();
        if (key.Length > MaxKeyLength) return LensProblems.Field(Header, $"An Idempotency-Key is at most {MaxKeyLength} characters.");
        ProblemHttpResult? refusal = null;
        try
        {
            var (answer, replayed) = await OnceAsync(endpoint + "\n" + request.Actor(), key, async () =>
            {
                var result = await ingest();
                if (result.Result is Accepted<IngestResponse> { Value: { } accepted }) return accepted;
                refusal = (ProblemHttpResult)result.Result;
                throw new RefusedBatch();
            });
            if (replayed) request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Accepted((string?)null, answer);
        }
        catch (RefusedBatch)
        {
            // A refused batch is not remembered; one sent concurrently under the same key is told to send it again.
            return refusal ?? LensProblems.Field(Header, "The first batch with this key was refused; fix it and send it again.", StatusCodes.Status409Conflict);
        }
    }

    private sealed class RefusedBatch : Exception;

    private void Sweep()
    {
        if (Interlocked.Increment(ref _sinceSweep) < 1000) return;
        Interlocked.Exchange(ref _sinceSweep, 0);
        var cutoff = clock.GetUtcNow() - Window;
        foreach (var (id, entry) in _answers)
            if (entry.At < cutoff && entry.Answer.IsCompleted) _answers.TryRemove(id, out _);
    }
}
