using System.Globalization;
using Lens.Core.Flags;
using Lens.Core.Gates;
using Lens.Core.Rollouts;

namespace Lens.Core.Deployment;

/// <summary>
/// Turns a start request into a plan. Blocks A, B and C each go 5% → 25% → 100% with the same gates; block B may not
/// pass 25% before calibration data exists. Acceleration divides every wait (stage holds, calibration holdout, quiet
/// period, sentinel cadence) and never leaves a phase out.
/// </summary>
public static class DeploymentPlanner
{
    public static readonly IReadOnlyList<decimal> BlockPercents = [5m, 25m, 100m];

    /// <summary>Block B may not pass this share before calibration data for the pipeline's version exists.</summary>
    public const decimal CalibrationHold = 25m;

    public static DeploymentPlan Plan(DeploymentRequest request, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var config = request.Config;
        var factor = request.Factor;
        TimeSpan Wait(TimeSpan real) => real / factor;

        var stageHold = Wait(config.Canary.StageDurationHours is { } hours ? TimeSpan.FromHours(hours) : settings.StageDuration);
        var gates = new StageGates(MaxErrorRate: settings.MaxErrorRate, MaxP99Ms: settings.MaxP99Ms, MaxP99ToP95: settings.MaxP99ToP95, MinSamples: settings.MinSamples);
        // manual_promotion: every stage waits for a lead's approval. The stage at which a block needs calibration data
        // always asks for approval, so the engine cannot carry it on between two steps of the pipeline; the pipeline
        // gives that approval itself once the data exists, unless a lead must give it (manual promotion).
        IReadOnlyList<RolloutStage> Stages(decimal? holdAt = null) => [.. BlockPercents.Select(p => new RolloutStage(p, stageHold, gates,
            Approval: config.Canary.ManualPromotion || p == holdAt ? ApprovalPolicy.Lead : ApprovalPolicy.None))];
        IReadOnlyList<CanaryBlock> blocks =
        [
            new(DeploymentPhase.CanaryA, "A", "early exit", [SubFeatureNames.NativeScanner], Stages(), null),
            new(DeploymentPhase.CanaryB, "B", "dynamic top-N with τ calibration", [SubFeatureNames.StageBEnabled, SubFeatureNames.StageBLruCaching], Stages(CalibrationHold), CalibrationHold),
            new(DeploymentPhase.CanaryC, "C", "deduplication", [SubFeatureNames.StageCEnabled, SubFeatureNames.StageCIsotonicCalibration], Stages(), null),
        ];

        var holdout = Wait(settings.CalibrationHoldout);
        var quiet = Wait(config.Monitoring.QuietPeriodHours is { } q ? TimeSpan.FromHours(q) : settings.QuietPeriod);
        var cadence = Wait(TimeSpan.FromMinutes(config.Sentinel.ProbeFrequencyMinutes));
        var recovery = Wait(settings.SentinelRecovery);
        var gateWords = GateWords(gates);

        var phases = new List<PlannedPhase>();
        var at = TimeSpan.Zero;
        void Add(DeploymentPhase phase, bool skipped, TimeSpan expected, string does, IReadOnlyList<string> phaseGates)
        {
            var taken = skipped ? TimeSpan.Zero : expected;
            phases.Add(new PlannedPhase(phase, PhaseNames.Label(phase), skipped, at, taken, does, phaseGates));
            at += taken;
        }

        Add(DeploymentPhase.TagFreeze, false, TimeSpan.Zero,
            $"Create release {request.Version}, or reuse it when its fingerprint (config, git commit, LTR model hash, feature schema, build) matches.", []);
        Add(DeploymentPhase.FinalBench, request.SkipsBench, settings.BenchEstimate,
            "Run the release's final bench on the pinned dataset; a failed gate stops the pipeline.", ["the release's bench gates"]);
        foreach (var block in blocks)
        {
            var does = $"Block {block.Letter} ({block.Title}): {string.Join(", ", block.SubFeatures)} on {Percents(block)} of users, holding each stage {Duration(stageHold)}"
                + (block.CalibrationNeededAbove is { } above ? $"; waits for calibration data before passing {above.ToString("0.##", CultureInfo.InvariantCulture)}%" : "")
                + (config.Canary.ManualPromotion ? "; every stage waits for approval by a lead (manual promotion)" : "")
                + ".";
            Add(block.Phase, request.SkipCanary, block.Duration, does, gateWords);
        }
        Add(DeploymentPhase.CalibrationActivation, false, holdout,
            $"Hold out {Duration(holdout)}, then fit and apply τ on the canary's impressions (target 5 ± 2 results per query).", ["a τ in force"]);
        Add(DeploymentPhase.Monitoring, false, TimeSpan.Zero,
            config.Monitoring.EnableCusumAlarms
                ? (request.SkipsBench
                    ? "Reset the sums of the CUSUM detectors tied to this flag or to none; the bench is skipped, so none is armed from it."
                    : "Arm recall_at_50 with the final bench's mean and its standard error; reset the sums of the other CUSUM detectors tied to this flag or to none (each keeps the baseline it learned from live traffic, or goes on learning it).")
                  + (config.Monitoring.EnableDriftDetection ? "" : " Drift detection is off: a long drift alarm does not roll this pipeline's rollouts back.")
                : "CUSUM alarms are off in this config: detectors are left as they are.", []);
        Add(DeploymentPhase.Sentinel, false, TimeSpan.Zero,
            $"Run a sentinel probe round now, then one every {Duration(cadence)} through the quiet period. " + (config.Sentinel.KillSwitchEnabled
                ? "A failing round may pull the zero-results kill switch, as the Sentinel settings say."
                : "The sentinel may not pull the kill switch while this pipeline runs (kill_switch_enabled: false): a failing round raises a CRITICAL alert instead."), []);
        Add(DeploymentPhase.FinalCheck, false, quiet,
            $"Wait out the quiet period ({Duration(quiet)}), then check the guide's success criteria.",
            ["every block at 100%", "calibration inside 5 ± 2 results per query", "no CUSUM alarm in the quiet period",
             "sentinel success rate above 95%", "no kill switch active"]);

        return new DeploymentPlan(request.Version, request.Flag, request.IsAccelerated, factor, request.SkipsBench, request.SkipCanary, request.ForceReason,
            config.RequiredGateSuccess, phases, blocks, holdout, quiet, cadence, recovery, config.Monitoring.EnableCusumAlarms, config.Monitoring.AlertWebhooks);
    }

    private static IReadOnlyList<string> GateWords(StageGates gates)
    {
        var words = new List<string>();
        if (gates.MaxErrorRate is { } rate) words.Add($"{GateNames.ErrorRate} ≤ {GateFormat.Percent(rate)}");
        if (gates.MaxP99Ms is { } p99) words.Add($"{GateNames.P99Latency} ≤ {GateFormat.Milliseconds(p99)}");
        if (gates.MaxP99ToP95 is { } ratio) words.Add($"{GateNames.P99ToP95} ≤ {GateFormat.Setting(ratio)}");
        words.Add($"at least {gates.MinSamples} candidate requests per stage");
        return words;
    }

    private static string Percents(CanaryBlock block) => string.Join(" → ", block.Stages.Select(s => s.Percent.ToString("0.##", CultureInfo.InvariantCulture) + "%"));

    /// <summary>A wait in the largest units that say it without rounding away what matters: "24 h", "2 min", "5 s".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span >= TimeSpan.FromDays(2) && span.TotalHours % 24 == 0) return $"{span.TotalDays:0} d";
        if (span >= TimeSpan.FromHours(1)) return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        if (span >= TimeSpan.FromMinutes(1)) return span.Seconds == 0 ? $"{(int)span.TotalMinutes} min" : $"{(int)span.TotalMinutes} min {span.Seconds} s";
        return span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
    }
}
