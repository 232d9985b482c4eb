using Lens.Core.Gates;

namespace Lens.Core.Rollouts;

/// <summary>The named stage plans operators can ask for instead of spelling out stages.</summary>
public static class RolloutPlans
{
    public const string CanaryRamp = "canary-ramp-rollout";
    public const string ThreeBlock = "three-block";
    public const string AbTest = "ab-test";

    public static IReadOnlyList<string> Names { get; } = [CanaryRamp, ThreeBlock, AbTest];

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
        _ => null,
    };
}
