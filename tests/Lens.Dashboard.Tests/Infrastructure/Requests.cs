using System.Globalization;
using System.Text;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>Builders for request bodies, so each test says only what matters to it.</summary>
public static class Requests
{
    public static object Release(string version = "2.4.0", object? config = null) =>
        new { version, config = config ?? new { ranker = "bm25", k1 = 1.2, b = 0.75 } };

    public static object Stage(double percent = 10, string minDuration = "00:00:30", double? maxErrorRate = 0.01, double? maxP99Ms = 200,
        double? maxP99ToP95 = null, int minSamples = 100, int failureLimit = 1, double? targetResultsPerQuery = null,
        double? maxResultsPerQueryDrift = null, double? maxP95IncreaseVsBaseline = null, int inconclusiveLimit = 0) =>
        new { percent, minDuration, gates = new { maxErrorRate, maxP99Ms, maxP99ToP95, minSamples, failureLimit, targetResultsPerQuery, maxResultsPerQueryDrift,
            maxP95IncreaseVsBaseline, inconclusiveLimit } };

    public static object Rollout(string flag = "search-ranking", string releaseVersion = "2.4.0", params object[] stages) =>
        new { releaseVersion, flag, stages = stages.Length > 0 ? stages : [Stage(10), Stage(50), Stage(100)] };

    public static object Action(string actor = "alice", string reason = "looks good", int? expectedStageIndex = null) =>
        new { actor, reason, expectedStageIndex };
}

/// <summary>Builds ingest bodies as raw JSON, so tests can also send what a serializer never would.</summary>
public sealed class IngestBody(string flag)
{
    private readonly List<string> _events = [];
    private readonly List<string> _gauges = [];

    /// <summary>One gauge report, as a service sends it beside its events.</summary>
    public IngestBody Gauge(string name, double value, string variant = "candidate") =>
        RawGauge($$"""{"variant":"{{variant}}","name":"{{name}}","value":{{value.ToString("R", CultureInfo.InvariantCulture)}}}""");

    public IngestBody RawGauge(string gaugeJson)
    {
        _gauges.Add(gaugeJson);
        return this;
    }

    public IngestBody Healthy(int count, string variant = "candidate", double latencyMs = 20)
    {
        for (var i = 0; i < count; i++) Event(variant, latencyMs + i % 7, ok: true);
        return this;
    }

    public IngestBody Failing(int count, string variant = "candidate", double latencyMs = 20)
    {
        for (var i = 0; i < count; i++) Event(variant, latencyMs, ok: false);
        return this;
    }

    /// <summary>Healthy requests that each returned <paramref name="resultCount"/> results (null: the events leave resultCount out).</summary>
    public IngestBody Results(int count, int? resultCount, string variant = "candidate", double latencyMs = 20)
    {
        for (var i = 0; i < count; i++) Event(variant, latencyMs + i % 7, ok: true, resultCount);
        return this;
    }

    /// <summary>One event; a null <paramref name="resultCount"/> leaves the field out, as a service that does not count results would.</summary>
    public IngestBody Event(string variant, double latencyMs, bool ok, int? resultCount = 7)
    {
        var results = resultCount is { } n ? $$""","resultCount":{{n}}""" : "";
        return Raw($$"""{"variant":"{{variant}}","latencyMs":{{latencyMs.ToString("R", CultureInfo.InvariantCulture)}},"ok":{{(ok ? "true" : "false")}}{{results}}}""");
    }

    public IngestBody Raw(string eventJson)
    {
        _events.Add(eventJson);
        return this;
    }

    public override string ToString() => _gauges.Count == 0
        ? $$"""{"flag":"{{flag}}","events":[{{string.Join(",", _events)}}]}"""
        : $$"""{"flag":"{{flag}}","events":[{{string.Join(",", _events)}}],"gauges":[{{string.Join(",", _gauges)}}]}""";

    public StringContent ToContent() => new(ToString(), Encoding.UTF8, "application/json");
}
