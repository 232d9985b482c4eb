using System.ComponentModel.DataAnnotations;
using Lens.Core.Deployment;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// Deploy: the pipeline's flag when a config names none, the defaults a config may override, and how often the runner
/// looks at running pipelines. Durations are real time; an accelerated pipeline divides them by its factor.
/// </summary>
public sealed class DeployOptions : IValidatableObject
{
    public const string Section = "Deploy";

    [Required(ErrorMessage = "Deploy:Flag is required."), RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "Deploy:Flag must be 1-100 letters, digits, '.', '_' or '-'.")]
    public string Flag { get; set; } = "search";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>False leaves pipelines to whoever calls the stepper (tests drive it on a fake clock).</summary>
    public bool RunnerEnabled { get; set; } = true;
    public TimeSpan StageDuration { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan CalibrationHoldout { get; set; } = TimeSpan.FromDays(2);
    public int MinSamples { get; set; } = 1000;
    public double MaxErrorRate { get; set; } = 0.01;
    public double MaxP99Ms { get; set; } = 200;
    public double MaxP99ToP95 { get; set; } = 2.0;
    /// <summary>Where failure and completion reports are written; relative paths are under the content root.</summary>
    public string ReportsFolder { get; set; } = "deployment-artifacts/orchestrator";

    /// <summary>The planner's settings; the sentinel's recovery is the sentinel's own (Sentinel:RecoveryPeriod), which a running accelerated pipeline divides.</summary>
    public DeploymentSettings Settings(TimeSpan sentinelRecovery) => new()
    {
        StageDuration = StageDuration,
        QuietPeriod = QuietPeriod,
        CalibrationHoldout = CalibrationHoldout,
        SentinelRecovery = sentinelRecovery,
        MinSamples = MinSamples,
        MaxErrorRate = MaxErrorRate,
        MaxP99Ms = MaxP99Ms,
        MaxP99ToP95 = MaxP99ToP95,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromMinutes(1))
            yield return new("Deploy:PollInterval must be between 50 ms and 1 minute.", [nameof(PollInterval)]);
        foreach (var (name, value) in new[] { (nameof(StageDuration), StageDuration), (nameof(QuietPeriod), QuietPeriod), (nameof(CalibrationHoldout), CalibrationHoldout) })
            if (value < TimeSpan.Zero) yield return new($"Deploy:{name} cannot be negative.", [name]);
        if (MinSamples < 1) yield return new("Deploy:MinSamples must be at least 1.", [nameof(MinSamples)]);
        if (MaxErrorRate is <= 0 or > 1) yield return new("Deploy:MaxErrorRate is a fraction above 0 and at most 1.", [nameof(MaxErrorRate)]);
        if (MaxP99Ms <= 0) yield return new("Deploy:MaxP99Ms must be positive.", [nameof(MaxP99Ms)]);
        if (MaxP99ToP95 < 1) yield return new("Deploy:MaxP99ToP95 must be at least 1.", [nameof(MaxP99ToP95)]);
        if (string.IsNullOrWhiteSpace(ReportsFolder)) yield return new("Deploy:ReportsFolder is required.", [nameof(ReportsFolder)]);
    }
}
