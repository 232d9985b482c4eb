namespace Lens.Dashboard.Features.Releases;

/// <summary>A custom stage as someone types it on the releases page.</summary>
public sealed class StageDraft
{
    public decimal Percent { get; set; } = 10;
    public int MinDurationSeconds { get; set; } = 60;
    public double? MaxErrorRatePercent { get; set; } = 1;
    public double? MaxP99Ms { get; set; } = 200;
    public double? MaxP99ToP95 { get; set; }
    public int MinSamples { get; set; } = 100;
    public int FailureLimit { get; set; } = 1;
    /// <summary>Mean results per query the candidate should return; empty leaves the results-per-query gate off.</summary>
    public double? TargetResultsPerQuery { get; set; }
    /// <summary>How far either side of the target the candidate's mean may drift.</summary>
    public double? MaxResultsPerQueryDrift { get; set; }
    /// <summary>How much slower than the baseline the candidate's p95 may be, in percent at 95% confidence; empty leaves it off.</summary>
    public double? MaxP95IncreasePercent { get; set; }
    /// <summary>Inconclusive evaluations in a row that pause the rollout for a person; 0 holds until the evidence decides.</summary>
    public int InconclusiveLimit { get; set; }
    /// <summary>How many percentage points above the baseline's the candidate's error rate may be, always-valid at 95%; empty leaves it off.</summary>
    public double? MaxErrorRateIncreasePoints { get; set; }

    public Lens.Core.Rollouts.RolloutStage ToStage() => new(Percent, TimeSpan.FromSeconds(MinDurationSeconds),
        new Lens.Core.Gates.StageGates(MaxErrorRatePercent / 100, MaxP99Ms, MaxP99ToP95, MinSamples, FailureLimit,
            TargetResultsPerQuery, MaxResultsPerQueryDrift, MaxP95IncreasePercent / 100, InconclusiveLimit, MaxErrorRateIncreasePoints / 100));
}
