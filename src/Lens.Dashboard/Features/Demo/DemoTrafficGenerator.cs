using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Hosting;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using Lens.Core.Flags;
using Lens.Core.Metrics;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// Drives the demo search service at a steady rate: each request picks a user and a query, buckets the
/// user with the documented hash, asks the chosen version, and every half second the outcomes are
/// reported to POST /api/ingest over HTTP, with each version's gauges (memory_mb, cache_hit_rate).
/// </summary>
public sealed class DemoTrafficGenerator(
    IOptions<DemoOptions> options,
    DemoSearchService search,
    DemoCorpus corpus,
    DemoFlagClient flags,
    SelfAddress self,
    TokenRegistry tokens,
    IHostApplicationLifetime lifetime,
    DemoReadiness readiness,
    TimeProvider clock,
    ILogger<DemoTrafficGenerator> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long the demo serves and reports at full rate (all of it baseline, before any rollout) before it says it is
    /// ready. Warming the search paths is not enough: the first reports JIT the ingest path in this same process, and the
    /// slow requests of those seconds once put a fresh canary's p99/p95 over its limit (4.1×, 104 samples, 10 s in).
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private readonly ConcurrentQueue<object> _outcomes = new();
    private readonly ConcurrentQueue<object>[] _impressions = [new(), new()];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.UntilStopping(stoppingToken);
        stoppingToken = stopping.Token;
        if (!await WaitForStartAsync(stoppingToken)) return;
        var address = self.Resolve();
        if (address is null)
        {
            logger.LogWarning("Demo traffic is off: the app has no HTTP address to report to.");
            return;
        }
        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        // The demo is a search service like any other: it reports with a service identity, the app's own.
        http.DefaultRequestHeaders.Authorization = SelfCallCredentials.Header(tokens);
        var streaming = flags.RunAsync(http, stoppingToken);
        var reporting = ReportLoopAsync(http, stoppingToken);
        var random = new Random();
        await WarmUpAsync(random, stoppingToken);
        var readyAt = clock.GetUtcNow() + Settle;
        var perTick = Math.Max(1, options.Value.RequestsPerSecond * Tick.TotalMilliseconds / 1000.0);
        var carry = 0.0;
        using var timer = new PeriodicTimer(Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!readiness.Ready.IsCompleted && clock.GetUtcNow() >= readyAt) readiness.MarkReady();
                carry += perTick;
                for (; carry >= 1; carry--) _ = ServeOneAsync(random.Next(), stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(streaming, reporting);
    }

    /// <summary>Runs both versions' search paths unreported until their first-call costs are paid.</summary>
    private async Task WarmUpAsync(Random random, CancellationToken ct)
    {
        try
        {
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(Enumerable.Range(0, 40).Select(i => search.SearchAsync(
                    i % 2 == 0 ? Variant.Baseline : Variant.Candidate, corpus.Terms.Count == 0 ? "class" : corpus.Terms[random.Next(corpus.Terms.Count)], new Random(i), ct)));
        }
        catch (OperationCanceledException) { }
    }

    private async Task ServeOneAsync(int seed, CancellationToken ct)
    {
        try
        {
            var random = new Random(seed);
            var flag = flags.Get(options.Value.Flag);
            if (flag is null) return;
            var user = $"user-{random.Next(0, 20_000)}";
            var variant = FlagEvaluator.Evaluate(flag, user);
            var query = corpus.Terms.Count == 0 ? "class" : corpus.Terms[random.Next(corpus.Terms.Count)];
            var started = clock.GetTimestamp();
            var answer = await search.SearchAsync(variant, query, random, ct);
            var latency = clock.GetElapsedTime(started).TotalMilliseconds;
            var reported = variant == Variant.Candidate ? "candidate" : "baseline";
            // A failed request returned no result list: it reports no resultCount, so an error fault moves the error
            // rate, not results per query.
            _outcomes.Enqueue(answer.Ok
                ? (object)new { variant = reported, latencyMs = Math.Round(latency, 3), ok = true, resultCount = answer.Hits.Count }
                : new { variant = reported, latencyMs = Math.Round(latency, 3), ok = false });
            if (answer.Ok && seed % DemoImpressions.OneIn == 0)
                foreach (var impression in DemoImpressions.For(variant, $"{user}:{seed}", random))
                    _impressions[(int)variant].Enqueue(impression);
        }
        catch (OperationCanceledException) { }
    }

    private async Task ReportLoopAsync(HttpClient http, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ReportEvery, clock);
        var random = new Random();
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var events = new List<object>();
                while (events.Count < 10_000 && _outcomes.TryDequeue(out var e)) events.Add(e);
                if (events.Count > 0) await PostAsync(http, "api/ingest", new { flag = options.Value.Flag, events, gauges = Gauges(random) }, ct);
                foreach (var variant in new[] { Variant.Baseline, Variant.Candidate })
                {
                    var impressions = new List<object>();
                    while (impressions.Count < 10_000 && _impressions[(int)variant].TryDequeue(out var i)) impressions.Add(i);
                    if (impressions.Count > 0)
                        await PostAsync(http, "api/calibration/impressions",
                            new { flag = options.Value.Flag, variant = variant == Variant.Candidate ? "candidate" : "baseline", events = impressions }, ct);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private static object[] Gauges(Random random)
    {
        var gauges = new List<object>(4);
        foreach (var variant in new[] { Variant.Baseline, Variant.Candidate })
        {
            var name = variant == Variant.Candidate ? "candidate" : "baseline";
            var (memoryMb, cacheHitRate) = DemoSearchService.Gauges(variant, random);
            gauges.Add(new { variant = name, name = Lens.Core.Rollouts.RolloutPlans.MemoryGauge, value = memoryMb });
            gauges.Add(new { variant = name, name = Lens.Core.Rollouts.RolloutPlans.CacheHitRateGauge, value = cacheHitRate });
        }
        return gauges.ToArray();
    }

    private async Task PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(path, body, ct);
            if (!response.IsSuccessStatusCode)
                logger.LogDebug("Demo report to {Path} refused: {Status}", path, (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            logger.LogDebug(ex, "Demo report to {Path} failed", path);
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = ct.Register(() => started.TrySetCanceled());
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }
}
