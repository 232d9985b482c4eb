using Lens.Core.Releases;
using Lens.Dashboard.Features.Bench;

namespace Lens.Dashboard.Features.SignOff;

/// <summary>
/// Where a release stands on its way to GA: the verdict in one word, what is still missing, the evidence (latest
/// final bench, nights) and the decisions so far.
/// </summary>
public sealed record SignOffState(
    string Version,
    string Fingerprint,
    string Status,
    string Verdict,
    int PassingStreak,
    int RequiredNights,
    IReadOnlyList<string> Roles,
    IReadOnlyList<ReleaseDecision> Decisions,
    IReadOnlyList<string> Missing,
    IReadOnlyList<NightSummary> Nights,
    BenchRunView? FinalBench,
    string? PromotedBy,
    DateTimeOffset? PromotedAt)
{
    public const string Ready = "ready for GA";
    public const string Promoted = "generally available";
    public const string Blocked = "rejected";
    public const string Waiting = "not yet eligible";

    /// <summary>The latest final bench's final_bench_results.json, for the report; not part of the API's answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? FinalResultsJson { get; init; }

    /// <summary>Baseline against candidate in the release's live rollout (running or paused); null when none is live.</summary>
    public Lens.Dashboard.Features.Rollouts.RolloutComparison? Comparison { get; init; }

    /// <summary>The release's latest deployment pipeline, summarised; null when none was started for it.</summary>
    public SignOffDeployment? Deployment { get; init; }

    /// <summary>A role's latest decision, the one that counts; null while it has not decided.</summary>
    public ReleaseDecision? DecisionOf(string role) => Decisions.LastOrDefault(d => d.Role == role);
}
