using System.Text.Json;
using Lens.Core.Alerts;
using Lens.Core.Gates;
using Lens.Core.Metrics;
using Lens.Core.Rollouts;
using Lens.Core.Sentinel;
using Lens.Dashboard.Features.Calibration;
using Lens.Dashboard.Features.Detectors;
using Lens.Dashboard.Features.Flags;
using Lens.Dashboard.Features.Ingest;
using Lens.Dashboard.Features.Metrics;
using Lens.Dashboard.Features.Releases;
using Lens.Dashboard.Features.Retention;
using Lens.Dashboard.Features.Rollouts;
using Lens.Dashboard.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lens.Soak;

/// <summary>
/// The demo's traffic pattern on the fake clock, through the app's own services: every 5 simulated seconds one ingest batch
/// holding that interval's events (requests/s × 5), split between baseline and candidate by the rollout's current share;
/// a release and a four-stage rollout every 6 hours, every fourth one faulty (candidate errors) so it rolls back; gate
/// evaluation every 5 simulated minutes; a latency observation for the detector and a sentinel probe round every 5 minutes;
/// impressions every hour; pruning every hour; a kill switch flipped and an alert raised and resolved every day at noon.
/// </summary>
public sealed class SoakDriver(SoakHost host, int requestsPerSecond)
{
    public const string Flag = "search-ranking";
    private const int ChunkSeconds = 300;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(MetricsClock.BucketSeconds);
    private readonly Random _random = new(2026);
    private Guid? _rollout;
    private bool _faulty;
    private bool _killed;
    private double _share;
    private int _releases;
    private readonly System.Diagnostics.Stopwatch _ingestTime = new(), _evaluateTime = new(), _monitorTime = new(), _hourlyTime = new();

    public Guid? CurrentRollout => _rollout;
    public string CurrentVersion => $"soak-{_releases}.0.0";
    public List<RetentionRun> PruneRuns { get; } = [];
    public long Events { get; private set; }

    /// <summary>
    /// Simulates up to <paramref name="until"/> five minutes at a time: those minutes' sixty 5-second batches go into the
    /// ingest pipeline together (as concurrent requests would, so the journal commits them as one group), then the gates are
    /// evaluated and the scheduled work that falls due runs. Evaluating every simulated 5 minutes (not every 10 s as the app
    /// does in real time) is what lets 30 days run in minutes; a faulty candidate still rolls back after three failures.
    /// </summary>
    public async Task RunUntilAsync(DateTimeOffset until, Action<string>? progress = null)
    {
        var pipeline = host.Get<IngestPipeline>();
        if (_rollout is null) await NextRolloutAsync();
        var real = System.Diagnostics.Stopwatch.StartNew();
        var batches = new List<IngestBatch>(ChunkSeconds / MetricsClock.BucketSeconds);
        var accepted = new List<Task>(ChunkSeconds / MetricsClock.BucketSeconds);
        while (host.Clock.GetUtcNow() < until)
        {
            for (var i = 0; i < ChunkSeconds / MetricsClock.BucketSeconds; i++)
            {
                host.Clock.Advance(Step);
                var batch = NextBatch();
                batches.Add(batch);
                accepted.Add(pipeline.AcceptAsync(batch));
            }
            _ingestTime.Start();
            try
            {
                await Task.WhenAll(accepted);
            }
            finally
            {
                foreach (var b in batches) b.Dispose();
                batches.Clear();
                accepted.Clear();
                _ingestTime.Stop();
            }

            var now = host.Clock.GetUtcNow();
            var secondOfDay = (long)now.TimeOfDay.TotalSeconds;
            if (secondOfDay % (6 * 3600) == 0) await NextRolloutAsync();
            _evaluateTime.Start();
            await EvaluateAsync();
            _evaluateTime.Stop();
            _monitorTime.Start();
            await MonitorAsync(now);
            _monitorTime.Stop();
            if (secondOfDay % 3600 == 0)
            {
                _hourlyTime.Start();
                await ImpressionsAsync();
                PruneRuns.Add(await host.Get<RetentionService>().RunNowAsync());
                _hourlyTime.Stop();
            }
            if (secondOfDay == 12 * 3600) await NoonAsync(on: true);
            if (secondOfDay == 12 * 3600 + 1800) await NoonAsync(on: false);
            if (secondOfDay % (6 * 3600) == 0)
                progress?.Invoke($"  simulated {now:yyyy-MM-dd HH:mm} after {real.Elapsed.TotalSeconds:F0} s of real time, {Events:N0} events " +
                    $"(real time in ingest {_ingestTime.Elapsed.TotalSeconds:F0} s, evaluation {_evaluateTime.Elapsed.TotalSeconds:F0} s, detector and probes {_monitorTime.Elapsed.TotalSeconds:F0} s, impressions and pruning {_hourlyTime.Elapsed.TotalSeconds:F0} s)");
        }
    }

    private IngestBatch NextBatch()
    {
        var batch = IngestBatch.Rent();
        batch.Flag = Flag;
        var events = requestsPerSecond * MetricsClock.BucketSeconds;
        for (var i = 0; i < events; i++)
        {
            var candidate = !_killed && _random.NextDouble() < _share;
            var errorRate = candidate && _faulty ? 0.2 : 0.005;
            var latencyMs = 8 + _random.NextDouble() * 30 + (_random.NextDouble() < 0.01 ? 80 : 0);
            batch.Accept(candidate ? (byte)1 : (byte)0, _random.NextDouble() >= errorRate, (short)LatencyHistogram.BucketOf(latencyMs), _random.Next(1, 11));
        }
        // Two gauges per variant, as the demo reports them, so the soak also grows (and prunes) GaugeBuckets.
        for (byte variant = 0; variant <= 1; variant++)
        {
            batch.Gauges.Add(new GaugeReport(variant, "memory_mb", 780 + _random.NextDouble() * 60));
            batch.Gauges.Add(new GaugeReport(variant, "cache_hit_rate", 0.85 + _random.NextDouble() * 0.1));
        }
        Events += events;
        return batch;
    }

    private async Task NextRolloutAsync()
    {
        var engine = host.Get<RolloutEngine>();
        if (_rollout is { } previous)
        {
            try { await engine.ActAsync(previous, RolloutAction.Abort, "soak", "next release", null); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { /* already finished: promoted or rolled back */ }
        }
        _releases++;
        _faulty = _releases % 4 == 0;
        await host.Get<ReleaseCatalog>().CreateAsync(CurrentVersion, JsonDocument.Parse($$"""{"build":{{_releases}}}""").RootElement, "soak");
        var gates = new StageGates(MaxErrorRate: 0.05, MaxP99Ms: 250, MinSamples: 100, FailureLimit: 3);
        var hold = TimeSpan.FromMinutes(30);
        var rollout = await engine.CreateAsync(CurrentVersion, Flag, [new(5m, hold, gates), new(25m, hold, gates), new(50m, hold, gates), new(100m, hold, gates)], null, "soak");
        _rollout = rollout.Id;
        _share = (double)rollout.CurrentPercent / 100;
    }

    private async Task EvaluateAsync()
    {
        await host.Get<RolloutEngine>().EvaluateRunningAsync();
        if (_rollout is not { } id) return;
        await using var db = await host.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var rollout = await db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == id);
        _share = (double)rollout.CurrentPercent / 100;
    }

    private async Task MonitorAsync(DateTimeOffset now)
    {
        await host.Get<DetectorService>().ObserveAsync(DetectorOptions.LatencyMetric, 30 + _random.NextDouble() * 5 + (_faulty ? 10 : 0));
        await using var db = await host.Get<IDbContextFactory<LensDbContext>>().CreateDbContextAsync();
        var round = Guid.NewGuid();
        foreach (var probe in new[] { "anchor", "span", "zero" })
            db.ProbeRuns.Add(ProbeRun.Record(round, probe, "query " + probe, now, ProbeOutcome.Pass, _random.Next(1, 10), 20 + _random.NextDouble() * 10, 0.9, true, null));
        await db.SaveChangesAsync();
    }

    private async Task ImpressionsAsync()
    {
        var impressions = Enumerable.Range(0, 50)
            .Select(i => new Impression($"q{_random.Next(0, 500)}", Math.Round(_random.NextDouble(), 2), _random.NextDouble() < 0.3)).ToList();
        await host.Get<ImpressionStore>().AddAsync(Flag, _random.Next(2) == 0 ? "baseline" : "candidate", impressions, CancellationToken.None);
    }

    private async Task NoonAsync(bool on)
    {
        // A known switch: the service queues a change to an unknown one and retries it for ever, and its caller waits on the clock.
        await host.Get<KillSwitchService>().SetAsync("manual_emergency", on, "oncall", on ? "noon drill" : "drill over");
        _killed = on;
        var alerts = host.Get<Lens.Dashboard.Features.Alerts.AlertService>();
        if (on)
        {
            var alert = await alerts.RaiseAsync(new AlertSignal($"soak:drill:{_releases}", AlertSeverity.Warn, AlertSource.Detector, "Noon drill", "soak"));
            await alerts.ResolveAsync(alert.Id, "oncall", "drill over");
        }
    }
}
