using System.Globalization;

namespace Lens.Core.Deployment;

/// <summary>The guide's success criteria, judged on what the pipeline measured; one check per criterion.</summary>
public static class FinalCheck
{
    public const double TargetResultsPerQuery = 5;
    public const double ResultsPerQueryTolerance = 2;
    public const double MinSentinelSuccessRate = 0.95;

    public static IReadOnlyList<GateCheck> Evaluate(FinalCheckInput input, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(input);
        const DeploymentPhase phase = DeploymentPhase.FinalCheck;
        var notFull = input.BlockSubFeatures.Where(s => !input.SubFeaturePercents.TryGetValue(s, out var p) || p < 100m).ToList();
        var lowest = input.BlockSubFeatures.Count == 0 ? 100m : input.BlockSubFeatures.Min(s => input.SubFeaturePercents.GetValueOrDefault(s));
        var rpq = input.ResultsPerQuery;
        var rpqPasses = rpq is { } r && Math.Abs(r - TargetResultsPerQuery) <= ResultsPerQueryTolerance;
        var rate = input.SentinelSuccessRate;
        var quiet = Words(input.QuietPeriod);
        return
        [
            new(phase, "blocks_at_100", notFull.Count == 0, (double)lowest, "100%",
                notFull.Count == 0 ? "Every block's sub-features serve 100% of users." : $"Not at 100%: {string.Join(", ", notFull)}.", at),
            new(phase, "calibration_results_per_query", rpqPasses, rpq, $"{TargetResultsPerQuery} ± {ResultsPerQueryTolerance}",
                rpq is { } m ? $"Mean results per query {m.ToString("0.00", CultureInfo.InvariantCulture)} under the applied τ." : "No results per query measured under the applied τ.", at),
            new(phase, "cusum_quiet", input.CusumAlarms == 0, input.CusumAlarms, "0 alarms",
                input.CusumAlarms == 0 ? $"No CUSUM alarm in the quiet period ({quiet})." : $"{input.CusumAlarms} CUSUM alarm(s) in the quiet period ({quiet}).", at),
            new(phase, "sentinel_success_rate", rate is > MinSentinelSuccessRate, rate, "> 95%",
                rate is { } s ? $"Sentinel probes passed {(s * 100).ToString("0.#", CultureInfo.InvariantCulture)}% over the quiet period." : "No sentinel probe ran in the quiet period.", at),
            new(phase, "no_kill_switch", input.ActiveKillSwitches.Count == 0, input.ActiveKillSwitches.Count, "none active",
                input.ActiveKillSwitches.Count == 0 ? "No kill switch is active." : $"Active: {string.Join(", ", input.ActiveKillSwitches)}.", at),
        ];
    }

    private static string Words(TimeSpan span) => DeploymentPlanner.Duration(span);
}
