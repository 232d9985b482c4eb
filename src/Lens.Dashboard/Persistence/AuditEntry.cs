using System.Text.Json;
using Lens.Core.Gates;
using Lens.Core.Rollouts;

namespace Lens.Dashboard.Persistence;

/// <summary>One line of the audit log: who or what changed what, when, why, and on what evidence.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? RolloutId { get; private set; }
    public string Subject { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string? FromState { get; private set; }
    public string? ToState { get; private set; }
    public int? FromStage { get; private set; }
    public int? ToStage { get; private set; }
    public string VerdictsJson { get; private set; } = "[]";

    public IReadOnlyList<GateVerdict> Verdicts =>
        JsonSerializer.Deserialize<GateVerdict[]>(VerdictsJson, LensJson.Options) ?? [];

    public static AuditEntry For(RolloutTransition t) => new()
    {
        At = t.At,
        RolloutId = t.RolloutId,
        Subject = "rollout",
        Action = t.Action.ToString(),
        Actor = t.Actor,
        Reason = t.Reason,
        FromState = t.FromState.ToString(),
        ToState = t.ToState.ToString(),
        FromStage = t.FromStage,
        ToStage = t.ToStage,
        VerdictsJson = JsonSerializer.Serialize(t.Verdicts, LensJson.Options),
    };

    public static AuditEntry ForSubject(string subject, string action, string actor, string reason, DateTimeOffset at,
        string? fromState = null, string? toState = null) => new()
    {
        At = at,
        Subject = subject,
        Action = action,
        Actor = actor,
        Reason = reason,
        FromState = fromState,
        ToState = toState,
    };
}
