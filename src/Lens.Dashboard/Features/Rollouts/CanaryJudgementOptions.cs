using System.ComponentModel.DataAnnotations;

namespace Lens.Dashboard.Features.Rollouts;

/// <summary>Configuration section "CanaryJudgement": confirm webhooks and how long a drift alarm may hold before a rollback.</summary>
public sealed class CanaryJudgementOptions
{
    public const string Section = "CanaryJudgement";

    /// <summary>How long a confirm-promotion receiver has to answer; no answer holds the stage like a refusal.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "CanaryJudgement:ConfirmTimeout must be between 00:00:00.100 and 00:01:00.")]
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A CUSUM alarm on a metric tied to a running rollout that has held longer than this rolls the rollout back (the guide's 24 h).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "CanaryJudgement:DriftRollbackAfter must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan DriftRollbackAfter { get; set; } = TimeSpan.FromHours(24);
}
