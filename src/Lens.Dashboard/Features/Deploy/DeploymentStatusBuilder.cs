using Lens.Core.Deployment;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>Puts a pipeline and its plan together into the status object, with elapsed and expected-left times for now.</summary>
public static class DeploymentStatusBuilder
{
    public static DeploymentStatus Build(DeploymentPipeline pipeline, DeploymentPlan plan, IReadOnlyDictionary<string, string> reports, DateTimeOffset now)
    {
        var phases = pipeline.Phases.Select(p =>
        {
            var planned = plan.Phase(p.Phase);
            TimeSpan? elapsed = p.StartedAt is { } start ? (p.EndedAt ?? now) - start : null;
            TimeSpan? left = p.State switch
            {
                PhaseState.Running when pipeline.WaitingUntil is { } until => Max(until - now),
                PhaseState.Running => Max(planned.Expected - elapsed!.Value),
                PhaseState.Pending => planned.Expected,
                _ => null,
            };
            return new PhaseStatus(p.Phase.ToString(), planned.Label, p.State, p.StartedAt, p.EndedAt, p.Cause, elapsed, left,
                p.State == PhaseState.Running ? pipeline.Waiting : null);
        }).ToList();
        return new DeploymentStatus(pipeline.Id, pipeline.Version, pipeline.Flag, pipeline.State, phases, reports, pipeline.CreatedAt, pipeline.EndedAt,
            pipeline.StartedBy, plan.Accelerated, plan.Factor, plan.SkipBench, plan.SkipCanary, pipeline.ForceReason, pipeline.Cause, pipeline.Waiting,
            pipeline.Gates.Count(g => g.Passed), pipeline.Gates.Count, pipeline.Rollouts, pipeline.Gates);
    }

    private static TimeSpan Max(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
