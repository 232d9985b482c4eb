using System.Globalization;
using Lens.Core.Deployment;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Deploy;

namespace Lens.Dashboard.Features.Wall;

/// <summary>
/// A deployment pipeline as one line on the wall: which version on which flag, where it is, and what it waits for.
/// Tone uses the wall's card colours, so a failed pipeline reads red across the room like a failing rollout.
/// </summary>
public sealed record WallPipeline(
    Guid Id,
    string Version,
    string Flag,
    PipelineState State,
    string Tone,
    string Phase,
    string? Waiting,
    TimeSpan? Left,
    string? ForceReason,
    string Gates)
{
    /// <param name="status">The pipeline's status object, from the one builder the API and pages use.</param>
    /// <param name="blockRollout">The running canary block's rollout, for its stage; null outside the canary.</param>
    public static WallPipeline Of(DeploymentStatus status, Rollout? blockRollout)
    {
        ArgumentNullException.ThrowIfNull(status);
        var running = status.Phases.FirstOrDefault(p => p.State == PhaseState.Running);
        var ended = status.Phases.LastOrDefault(p => p.State is PhaseState.Failed or PhaseState.Aborted);
        var phase = status.State switch
        {
            PipelineState.Succeeded => $"all phases done in {DeploymentPlanner.Duration((status.EndedAt ?? status.CreatedAt) - status.CreatedAt)}",
            PipelineState.Failed => $"failed in {ended?.Label ?? "?"}",
            PipelineState.Aborted => $"aborted in {ended?.Label ?? "?"}",
            _ when running is null => "starting",
            _ when blockRollout is { } r => string.Create(CultureInfo.InvariantCulture,
                $"{running.Label} stage {Math.Min(r.StageIndex, r.Stages.Count - 1) + 1}/{r.Stages.Count} ({r.CurrentPercent:0.##}%)"),
            _ => running.Label,
        };
        var waiting = status.State switch
        {
            PipelineState.Failed or PipelineState.Aborted => status.Cause,
            _ => running?.Waiting,
        };
        return new WallPipeline(status.Id, status.Version, status.Flag, status.State, ToneOf(status.State, waiting), phase, waiting,
            running?.Waiting is not null ? running.ExpectedLeft : null, status.ForceReason, $"{status.GatesPassed}/{status.GatesChecked}");
    }

    // Waiting on a person is the one running case someone in the room must act on, so it reads amber like a paused rollout.
    private static string ToneOf(PipelineState state, string? waiting) => state switch
    {
        PipelineState.Succeeded => "Pass",
        PipelineState.Failed => "Fail",
        PipelineState.Aborted => "Held",
        _ when waiting is not null && (waiting.Contains("waiting for a lead", StringComparison.Ordinal) || waiting.Contains("approval", StringComparison.Ordinal)) => "Held",
        _ => "Running",
    };
}
