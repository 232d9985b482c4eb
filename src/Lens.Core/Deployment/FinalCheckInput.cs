namespace Lens.Core.Deployment;

/// <summary>
/// What the final check reads: each block sub-feature's served share, the mean results per query under the applied τ,
/// CUSUM alarms raised in the quiet period, the sentinel's success rate over it (0–1; null: no probe ran), and every
/// kill switch active now (global and sub-feature).
/// </summary>
public sealed record FinalCheckInput(
    IReadOnlyDictionary<string, decimal> SubFeaturePercents,
    IReadOnlyList<string> BlockSubFeatures,
    double? ResultsPerQuery,
    int CusumAlarms,
    TimeSpan QuietPeriod,
    double? SentinelSuccessRate,
    IReadOnlyList<string> ActiveKillSwitches);
