namespace Lens.Core.Deployment;

/// <summary>
/// One run of the deployment guide's pipeline for a version on a flag. Phases run strictly in order; every change goes
/// through a method here, and an illegal one throws <see cref="DeploymentTransitionException"/>. The phase history,
/// gate checks and rollouts it started are kept for the status object and the reports.
/// </summary>
public sealed class DeploymentPipeline
{
    private DeploymentPipeline() { }

    public Guid Id { get; private set; }
    public string Version { get; private set; } = "";
    public string Flag { get; private set; } = "";
    public PipelineState State { get; private set; }
    public DeploymentRequest Request { get; private set; } = null!;
    public string StartedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public IReadOnlyList<PhaseRecord> Phases { get; private set; } = [];
    public IReadOnlyList<GateCheck> Gates { get; private set; } = [];
    public IReadOnlyList<Guid> Rollouts { get; private set; } = [];
    /// <summary>What the running phase waits for, in words for people ("block B stage 2 holds 23 h 10 min more").</summary>
    public string? Waiting { get; private set; }
    public DateTimeOffset? WaitingUntil { get; private set; }
    public string? Cause { get; private set; }
    public long Revision { get; private set; }

    /// <summary>The states of a pipeline that has not ended: the one set every "is a pipeline active" query uses.</summary>
    public static readonly PipelineState[] UnfinishedStates = [PipelineState.Pending, PipelineState.Running];

    public bool IsTerminal => State is PipelineState.Succeeded or PipelineState.Failed or PipelineState.Aborted;
    public string? ForceReason => Request.ForceReason;

    public PhaseRecord? Current => Phases.FirstOrDefault(p => p.State == PhaseState.Running);

    public static DeploymentPipeline Create(Guid id, DeploymentRequest request, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Version)) throw new ArgumentException("A pipeline needs a version.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Flag)) throw new ArgumentException("A pipeline needs a flag.", nameof(request));
        if (request.ForceReason is { } reason && string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("Forcing needs a reason.", nameof(request));
        return new DeploymentPipeline
        {
            Id = id,
            Version = request.Version,
            Flag = request.Flag,
            Request = request,
            StartedBy = actor,
            CreatedAt = now,
            State = PipelineState.Pending,
            Phases = [.. Enum.GetValues<DeploymentPhase>().Select(p => new PhaseRecord(p, IsSkipped(request, p) ? PhaseState.Skipped : PhaseState.Pending))],
        };
    }

    private static bool IsSkipped(DeploymentRequest request, DeploymentPhase phase) =>
        (phase == DeploymentPhase.FinalBench && request.SkipsBench) || (PhaseNames.IsCanary(phase) && request.SkipCanary);

    public void Start(DateTimeOffset now)
    {
        Require(DeploymentAction.Start, State == PipelineState.Pending, "Only a pending pipeline can start.");
        State = PipelineState.Running;
        RunNext(now);
        Revision++;
    }

    /// <summary>The running phase succeeded: the next one that is not skipped starts at once, or the pipeline has succeeded.</summary>
    public void CompletePhase(DeploymentPhase phase, DateTimeOffset now, string? outcome = null)
    {
        RequireRunning(DeploymentAction.CompletePhase, phase);
        Replace(phase, p => p with { State = PhaseState.Succeeded, EndedAt = now, Cause = outcome });
        RunNext(now);
        Revision++;
    }

    public void FailPhase(DeploymentPhase phase, string cause, DateTimeOffset now)
    {
        RequireRunning(DeploymentAction.FailPhase, phase);
        if (string.IsNullOrWhiteSpace(cause)) throw new ArgumentException("A failure needs a cause.", nameof(cause));
        Replace(phase, p => p with { State = PhaseState.Failed, EndedAt = now, Cause = cause });
        End(PipelineState.Failed, cause, now);
    }

    public void Abort(string actor, string reason, DateTimeOffset now)
    {
        Require(DeploymentAction.Abort, !IsTerminal, $"Pipeline {Id} is {State} already; there is nothing to abort.");
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("An abort needs an actor and a reason.");
        var cause = $"Aborted by {actor.Trim()}: {reason.Trim()}";
        if (Current is { } running) Replace(running.Phase, p => p with { State = PhaseState.Aborted, EndedAt = now, Cause = cause });
        End(PipelineState.Aborted, cause, now);
    }

    /// <summary>Records a gate the running phase checked; a failed gate on a forced pipeline is marked overridden.</summary>
    public GateCheck RecordGate(GateCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        RequireRunning(DeploymentAction.RecordGate, check.Phase);
        var recorded = !check.Passed && Request.Forced ? check with { Overridden = true } : check;
        Gates = [.. Gates, recorded];
        Revision++;
        return recorded;
    }

    public void AttachRollout(Guid rolloutId)
    {
        Require(DeploymentAction.AttachRollout, State == PipelineState.Running, "Only a running pipeline starts rollouts.");
        if (!Rollouts.Contains(rolloutId)) Rollouts = [.. Rollouts, rolloutId];
        Revision++;
    }

    /// <summary>Says what the running phase waits for and until when (null: as long as it takes); returns whether that changed.</summary>
    public bool WaitFor(string? what, DateTimeOffset? until)
    {
        Require(DeploymentAction.Wait, State == PipelineState.Running, "Only a running pipeline waits.");
        if (Waiting == what && WaitingUntil == until) return false;
        Waiting = what;
        WaitingUntil = until;
        Revision++;
        return true;
    }

    private void RunNext(DateTimeOffset now)
    {
        Waiting = null;
        WaitingUntil = null;
        var next = Phases.FirstOrDefault(p => p.State == PhaseState.Pending);
        if (next is null)
        {
            End(PipelineState.Succeeded, null, now);
            return;
        }
        Replace(next.Phase, p => p with { State = PhaseState.Running, StartedAt = now });
    }

    private void End(PipelineState state, string? cause, DateTimeOffset now)
    {
        State = state;
        Cause = cause;
        EndedAt = now;
        Waiting = null;
        WaitingUntil = null;
        Revision++;
    }

    private void Replace(DeploymentPhase phase, Func<PhaseRecord, PhaseRecord> change) =>
        Phases = [.. Phases.Select(p => p.Phase == phase ? change(p) : p)];

    private void RequireRunning(DeploymentAction action, DeploymentPhase phase)
    {
        Require(action, State == PipelineState.Running, $"Pipeline {Id} is {State}, not running.");
        Require(action, Current?.Phase == phase, $"{PhaseNames.Label(phase)} is not the running phase{(Current is { } c ? $" ({PhaseNames.Label(c.Phase)} is)" : "")}.");
    }

    private void Require(DeploymentAction action, bool condition, string message)
    {
        if (!condition) throw new DeploymentTransitionException(action, State, message);
    }
}
