namespace Lens.Core.Deployment;

/// <summary>
/// One gate a pipeline checked: where, what it measured against which limit, and whether it passed. Overridden: it
/// failed and a forced start let the pipeline go on (the force's reason is on the pipeline).
/// </summary>
public sealed record GateCheck(DeploymentPhase Phase, string Gate, bool Passed, double? Value, string Threshold, string Detail, DateTimeOffset At,
    bool Overridden = false);
