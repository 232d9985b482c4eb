using Lens.Core.Gates;

namespace Lens.Core.Rollouts;

/// <summary>The named stage plans operators can ask for instead of spelling out stages.</summary>
public static class RolloutPlans
{
    public const string CanaryRamp = "canary-ramp-rollout";
    public const string ThreeBlock = "three-block";
    public const string AbTest = "ab-test";
    public const string DeploymentController = "deployment-controller";
    public const string SpanCoverage = "span-coverage";

    /// <summary>The gauge names the seed plans judge, as services report them.</summary>
    public const string MemoryGauge = "memory_mb";
    public const string CacheHitRateGauge = "cache_hit_rate";
    public const string SpanCoverageGauge = "span_coverage";

    public static IReadOnlyList<string> Names { get; } = [CanaryRamp, ThreeBlock, AbTest, DeploymentController, SpanCoverage];

    public static IReadOnlyList<RolloutStage>? Find(string? name) => name switch
    {
        CanaryRamp =>
        [
            new RolloutStage(1m, TimeSpan.FromHours(2), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 200)),
            new RolloutStage(10m, TimeSpan.FromHours(4), new StageGates(MaxErrorRate: 0.005, MaxP99Ms: 200, MinSamples: 500)),
            // The plan names no hold for 100%; an hour at full traffic before "Promoted" is the cautious reading.
            new RolloutStage(100m, TimeSpan.FromHours(1), new StageGates(MaxErrorRate: 0.001, MaxP99Ms: 200, MinSamples: 1000)),
        ],
        ThreeBlock =>
        [
            new RolloutStage(5m, TimeSpan.FromHours(24), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MaxP99ToP95: 2.0, MinSamples: 1000)),
            new RolloutStage(25m, TimeSpan.FromHours(24), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MaxP99ToP95: 2.0, MinSamples: 1000)),
            new RolloutStage(100m, TimeSpan.FromHours(24), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MaxP99ToP95: 2.0, MinSamples: 1000)),
        ],
        // The runbook: a week at 20%, a week of 50/50 A/B whose go needs a significant, non-worse result, then everyone.
        // The A/B stage compares candidate with baseline and pauses for a person after a day of inconclusive evidence (8,640 evaluations at the default 10-second analysis interval).
        AbTest =>
        [
            new RolloutStage(20m, TimeSpan.FromDays(7), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 1000)),
            // Three failing looks in a row roll back: the p95 interval is a single-look one, re-judged every evaluation.
            new RolloutStage(50m, TimeSpan.FromDays(7), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 1000, FailureLimit: 3,
                MaxP95IncreaseVsBaseline: 0.10, InconclusiveLimit: 8640, MaxErrorRateIncreaseVsBaseline: 0.005)),
            new RolloutStage(100m, TimeSpan.FromDays(1), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 1000)),
        ],
        // The deployment controller's success criteria: the canary-ramp-rollout gates plus memory under 1, 1.5 and 2 GB
        // (memory_mb, in MiB) and a cache hit rate (a fraction) above 60%, 70% and 85%.
        DeploymentController =>
        [
            new RolloutStage(1m, TimeSpan.FromHours(2), new StageGates(MaxErrorRate: 0.01, MaxP99Ms: 200, MinSamples: 200,
                Gauges: [new GaugeGate(MemoryGauge, Max: 1024), new GaugeGate(CacheHitRateGauge, Min: 0.60)])),
            new RolloutStage(10m, TimeSpan.FromHours(4), new StageGates(MaxErrorRate: 0.005, MaxP99Ms: 200, MinSamples: 500,
                Gauges: [new GaugeGate(MemoryGauge, Max: 1536), new GaugeGate(CacheHitRateGauge, Min: 0.70)])),
            new RolloutStage(100m, TimeSpan.FromHours(1), new StageGates(MaxErrorRate: 0.001, MaxP99Ms: 200, MinSamples: 1000,
                Gauges: [new GaugeGate(MemoryGauge, Max: 2048), new GaugeGate(CacheHitRateGauge, Min: 0.85)])),
        ],
        // The v1.2 run: 5% → 25% → 100% in a compressed hour, span coverage (a fraction) at least 98% in every phase,
        // beside its error-rate and p95 goals.
        SpanCoverage =>
        [
            new RolloutStage(5m, TimeSpan.FromMinutes(20), new StageGates(MaxErrorRate: 0.001, MinSamples: 500,
                Gauges: [new GaugeGate(SpanCoverageGauge, Min: 0.98)])),
            new RolloutStage(25m, TimeSpan.FromMinutes(20), new StageGates(MaxErrorRate: 0.001, MinSamples: 500,
                Gauges: [new GaugeGate(SpanCoverageGauge, Min: 0.98)])),
            new RolloutStage(100m, TimeSpan.FromMinutes(20), new StageGates(MaxErrorRate: 0.001, MinSamples: 500,
                Gauges: [new GaugeGate(SpanCoverageGauge, Min: 0.98)])),
        ],
        _ => null,
    };
}
