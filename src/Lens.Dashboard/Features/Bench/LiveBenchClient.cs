using Lens.Dashboard.Hosting;
using System.Collections.Concurrent;
using System.Diagnostics;
using Lens.Core.Bench;
using Lens.Dashboard.Features.Sentinel;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// Sends the pinned queries to a search endpoint and records each answer. A result's document is its file: the
/// qrels judge files, so a second hit in the same file adds nothing and is dropped. Scores fall with rank, so
/// trec_eval's ordering by score keeps the service's own order.
/// </summary>
public sealed class LiveBenchClient(IHttpClientFactory httpFactory, SelfAddress self, IOptions<BenchOptions> options)
{
    public const string HttpClientName = "bench";
    private const int MaxErrorSamples = 5;

    public async Task<LiveRun> RunAsync(string endpoint, string setting, string version, IReadOnlyList<(string Qid, string Query)> queries,
        Action<int> progress, CancellationToken ct)
    {
        var o = options.Value;
        var run = new ConcurrentDictionary<string, List<TrecResult>>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentQueue<string>();
        int results = 0, valid = 0, done = 0;
        var client = httpFactory.CreateClient(HttpClientName);

        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = ct }, async (q, token) =>
        {
            var answer = await AskAsync(client, endpoint, setting, version, q.Query, o.Timeout, token);
            if (answer.Error is not null) errors.Enqueue($"{q.Qid}: {answer.Error}");
            else latencies.Add(answer.LatencyMs);
            var list = new List<TrecResult>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (file, line) in answer.Results)
            {
                Interlocked.Increment(ref results);
                if (!string.IsNullOrWhiteSpace(file) && line >= 1) Interlocked.Increment(ref valid);
                if (!string.IsNullOrWhiteSpace(file) && seen.Add(file)) list.Add(new TrecResult(file, answer.Results.Count - list.Count));
            }
            run[q.Qid] = list;
            progress(Interlocked.Increment(ref done));
        });

        return new LiveRun(new Dictionary<string, List<TrecResult>>(run, StringComparer.Ordinal), latencies.ToArray(), results, valid,
            errors.Count, errors.Take(MaxErrorSamples).ToArray());
    }

    private async Task<(IReadOnlyList<(string? File, int? Line)> Results, double LatencyMs, string? Error)> AskAsync(
        HttpClient client, string endpoint, string setting, string version, string query, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var url = SearchAnswer.Resolve(endpoint
                .Replace("{query}", Uri.EscapeDataString(query), StringComparison.Ordinal)
                .Replace("{version}", Uri.EscapeDataString(version), StringComparison.Ordinal), self, setting);
            using var response = await client.GetAsync(url, limit.Token);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) return ([], elapsed, $"HTTP {(int)response.StatusCode}");
            return SearchAnswer.Parse(body) is { } parsed ? (parsed, elapsed, null) : ([], elapsed, "the answer is not JSON with a results array");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ([], timeout.TotalMilliseconds, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return ([], Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.Message);
        }
    }
}
