using Lens.Core.Deployment;

namespace Lens.Dashboard.Features.Deploy;

/// <summary>
/// One look at the running phase. <see cref="Gate"/> records a check and settles the phase by it: a pass completes
/// it, a failure fails it unless the pipeline was forced or gates are advisory (required_gate_success false), in
/// which case the failure is recorded as overridden and the phase completes.
/// </summary>
internal sealed class PhaseStep(DeploymentPipeline pipeline, DeploymentPlan plan, PhaseRecord current, DateTimeOffset now)
{
    public DeploymentPipeline Pipeline { get; } = pipeline;
    public DeploymentPlan Plan { get; } = plan;
    public PhaseRecord Current { get; } = current;
    public DeploymentPhase Phase => Current.Phase;
    public DateTimeOffset Now { get; } = now;

    public void Pass(string gate, double? value, string threshold, string detail) =>
        Pipeline.RecordGate(new GateCheck(Phase, gate, true, value, threshold, detail, Now));

    public void Gate(string gate, bool passed, double? value, string threshold, string detail, string? cause = null, bool? allPassed = null)
    {
        Pipeline.RecordGate(new GateCheck(Phase, gate, passed, value, threshold, detail, Now) { Overridden = !passed && !Plan.RequiredGateSuccess });
        var ok = allPassed ?? passed;
        if (ok)
        {
            Pipeline.CompletePhase(Phase, Now, detail);
            return;
        }
        var failures = Pipeline.Gates.Where(g => g.Phase == Phase && !g.Passed).ToList();
        if (Plan.ForceReason is not null || !Plan.RequiredGateSuccess)
            Pipeline.CompletePhase(Phase, Now, $"passed over failed gate(s) {string.Join(", ", failures.Select(g => g.Gate))}: " +
                (Plan.ForceReason is { } reason ? $"forced ({reason})" : "required_gate_success is false"));
        else Pipeline.FailPhase(Phase, cause ?? $"{gate}: {detail} (limit {threshold})", Now);
    }
}
