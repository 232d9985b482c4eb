using Lens.Core.Gates;
using Lens.Core.Metrics;

namespace Lens.Dashboard.Features.Metrics;

/// <summary>
/// In-memory measurements of one flag: the current stage's window per variant (what gates judge) and a
/// bounded series of per-bucket points (what charts draw). One lock guards both; every operation on it is
/// a short loop, so ingest threads never wait long.
/// </summary>
public sealed class FlagMetrics(string flag)
{
    public const int MaxPoints = 17_280; // a day of 5-second buckets

    private readonly object _gate = new();
    private readonly VariantAccumulator[] _stage = [new(), new()];
    private readonly VariantAccumulator[] _bucket = [new(), new()];
    private readonly Dictionary<string, GaugeAccumulator>[] _stageGauges = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly LinkedList<MetricPoint> _points = new();
    private long _openBucket = long.MinValue;
    private ActiveStage? _activeStage;

    public string Flag { get; } = flag;

    public ActiveStage? ActiveStage { get { lock (_gate) return _activeStage; } }

    public void Apply(IngestBatch batch, long bucket)
    {
        lock (_gate)
        {
            RollBucket(bucket);
            for (var i = 0; i < batch.Count; i++)
            {
                var variant = batch.Variants[i];
                _stage[variant].Add(batch.LatencyBuckets[i], batch.Ok[i], batch.ResultCounts[i]);
                _bucket[variant].Add(batch.LatencyBuckets[i], batch.Ok[i], batch.ResultCounts[i]);
            }
            foreach (var gauge in batch.Gauges) GaugeOf(gauge.Variant, gauge.Name).Add(gauge.Value);
        }
    }

    /// <summary>Adds a stored gauge aggregate to the stage window (start-up replay of buckets at or after the stage start).</summary>
    public void ReplayGauge(Variant variant, string name, long samples, double sum, double min, double max)
    {
        lock (_gate) GaugeOf((byte)variant, name).Add(samples, sum, min, max);
    }

    private GaugeAccumulator GaugeOf(byte variant, string name)
    {
        var gauges = _stageGauges[variant];
        if (!gauges.TryGetValue(name, out var acc)) gauges[name] = acc = new GaugeAccumulator();
        return acc;
    }

    private Dictionary<string, GaugePair> GaugeWindow(bool candidateOnly = false)
    {
        var result = new Dictionary<string, GaugePair>(StringComparer.Ordinal);
        foreach (var name in _stageGauges[0].Keys.Union(_stageGauges[1].Keys).Order(StringComparer.Ordinal))
            result[name] = new GaugePair(
                candidateOnly ? GaugeSummary.Empty : _stageGauges[0].GetValueOrDefault(name)?.ToSummary() ?? GaugeSummary.Empty,
                _stageGauges[1].GetValueOrDefault(name)?.ToSummary() ?? GaugeSummary.Empty);
        return result;
    }

    /// <summary>
    /// Adds a stored aggregate (start-up replay): its requests, errors, latency histogram, and how many of its requests
    /// reported a result count with the sum of those counts. Buckets at or after the stage start count toward its window.
    /// </summary>
    public void Replay(Variant variant, long bucket, long requests, long errors, ReadOnlySpan<byte> histogram,
        long resultSamples, long totalResults, long totalResultSquares, bool countsTowardStage)
    {
        lock (_gate)
        {
            if (countsTowardStage) _stage[(int)variant].Add(requests, errors, histogram, resultSamples, totalResults, totalResultSquares);
            if (bucket > _openBucket) RollBucket(bucket);
            if (bucket == _openBucket) _bucket[(int)variant].Add(requests, errors, histogram, resultSamples, totalResults, totalResultSquares);
            else InsertClosedPoint(bucket, variant, requests, errors, histogram, resultSamples, totalResults, totalResultSquares);
        }
    }

    public void SetStage(ActiveStage? stage)
    {
        lock (_gate)
        {
            if (_activeStage is { } current && stage is not null
                && current.RolloutId == stage.RolloutId && current.StageIndex == stage.StageIndex && current.StartedAt == stage.StartedAt)
                return;
            _activeStage = stage;
            _stage[0].Clear();
            _stage[1].Clear();
            _stageGauges[0].Clear();
            _stageGauges[1].Clear();
        }
    }

    /// <summary>Copies of the stage window's latency histograms, baseline then candidate: what a rank test needs.</summary>
    public (LatencyHistogram Baseline, LatencyHistogram Candidate) StageHistograms()
    {
        lock (_gate)
        {
            var baseline = new LatencyHistogram();
            var candidate = new LatencyHistogram();
            baseline.Merge(_stage[(int)Variant.Baseline].Latency);
            candidate.Merge(_stage[(int)Variant.Candidate].Latency);
            return (baseline, candidate);
        }
    }

    public WindowMetrics StageWindow()
    {
        lock (_gate) return new WindowMetrics(_stage[0].ToMetrics(), _stage[1].ToMetrics()) { Gauges = GaugeWindow() };
    }

    /// <summary>
    /// True when the candidate's window already breaks a gate on enough samples: worth judging now, not at the next tick.
    /// The evaluator decides, so every gate (results per query included) is judged here exactly as the engine judges it.
    /// </summary>
    public bool BreachesGate()
    {
        lock (_gate)
        {
            if (_activeStage is not { } stage) return false;
            var candidate = _stage[(int)Variant.Candidate];
            if (candidate.Requests < Math.Max(1, stage.Gates.MinSamples) && stage.Gates.Gauges is not { Count: > 0 }) return false;
            var window = new WindowMetrics(VariantMetrics.Empty, candidate.ToMetrics()) { Gauges = GaugeWindow(candidateOnly: true) };
            return GateEvaluator.Evaluate(stage.Gates, window).Any(v => v.Verdict == Verdict.Fail);
        }
    }

    public IReadOnlyList<MetricPoint> Series(DateTimeOffset since)
    {
        lock (_gate)
        {
            var result = new List<MetricPoint>(_points.Count + 1);
            foreach (var p in _points) if (p.At >= since) result.Add(p);
            if (_openBucket != long.MinValue && MetricsClock.StartOf(_openBucket) >= since)
                result.Add(new MetricPoint(MetricsClock.StartOf(_openBucket), _bucket[0].ToMetrics(), _bucket[1].ToMetrics()));
            return result;
        }
    }

    private void RollBucket(long bucket)
    {
        if (bucket <= _openBucket) return;
        if (_openBucket != long.MinValue && (_bucket[0].Requests > 0 || _bucket[1].Requests > 0))
        {
            _points.AddLast(new MetricPoint(MetricsClock.StartOf(_openBucket), _bucket[0].ToMetrics(), _bucket[1].ToMetrics()));
            while (_points.Count > MaxPoints) _points.RemoveFirst();
        }
        _bucket[0].Clear();
        _bucket[1].Clear();
        _openBucket = bucket;
    }

    private void InsertClosedPoint(long bucket, Variant variant, long requests, long errors, ReadOnlySpan<byte> histogram,
        long resultSamples, long totalResults, long totalResultSquares)
    {
        var at = MetricsClock.StartOf(bucket);
        var acc = new VariantAccumulator();
        acc.Add(requests, errors, histogram, resultSamples, totalResults, totalResultSquares);
        var metrics = acc.ToMetrics();
        var node = _points.Last;
        while (node is not null && node.Value.At > at) node = node.Previous;
        if (node is not null && node.Value.At == at)
        {
            node.Value = variant == Variant.Baseline ? node.Value with { Baseline = metrics } : node.Value with { Candidate = metrics };
            return;
        }
        var point = variant == Variant.Baseline
            ? new MetricPoint(at, metrics, VariantMetrics.Empty)
            : new MetricPoint(at, VariantMetrics.Empty, metrics);
        if (node is null) _points.AddFirst(point); else _points.AddAfter(node, point);
        while (_points.Count > MaxPoints) _points.RemoveFirst();
    }
}
