using Lens.Core.Deployment;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// The status object of the REST API, the CLI and the pages: {"id","version","flag","state","phases":[…],"reports":{…}}
/// with the force, skips, gate tally and the rollouts it started.
/// </summary>
public sealed record DeploymentStatus(
    Guid Id,
    string Version,
    string Flag,
    PipelineState State,
    IReadOnlyList<PhaseStatus> Phases,
    IReadOnlyDictionary<string, string> Reports,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    string StartedBy,
    bool Accelerated,
    double Factor,
    bool SkipBench,
    bool SkipCanary,
    string? ForceReason,
    string? Cause,
    string? Waiting,
    int GatesPassed,
    int GatesChecked,
    IReadOnlyList<Guid> Rollouts,
    IReadOnlyList<GateCheck> Gates);
