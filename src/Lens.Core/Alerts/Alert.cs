using Lens.Core.Gates;

namespace Lens.Core.Alerts;

/// <summary>
/// A raised condition. It goes Raised → Acknowledged → Resolved (or Raised → Resolved), each step recording who
/// and why. Repeats of its condition are counted on it; a condition that comes back soon after it was resolved
/// reopens it (damped flapping) rather than raising a new alert.
/// </summary>
public sealed class Alert
{
    public const string RoutineActor = "lens";

    private Alert() { }

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public AlertSeverity Severity { get; private set; }
    public AlertSource Source { get; private set; }
    public string Title { get; private set; } = "";
    public string Detail { get; private set; } = "";
    public string? Release { get; private set; }
    public Guid? RolloutId { get; private set; }
    public int? Stage { get; private set; }
    public IReadOnlyList<GateVerdict> Gates { get; private set; } = [];
    public AlertState State { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public int Count { get; private set; }
    public int Flaps { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public string? AcknowledgeReason { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public string? ResolveReason { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsOpen => State != AlertState.Resolved;

    public static Alert Raise(AlertSignal signal, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signal.Key)) throw new ArgumentException("An alert needs a key naming its condition.", nameof(signal));
        if (string.IsNullOrWhiteSpace(signal.Title)) throw new ArgumentException("An alert needs a title.", nameof(signal));
        var alert = new Alert { Id = Guid.NewGuid(), Key = signal.Key, Source = signal.Source, State = AlertState.Raised, RaisedAt = now, Count = 0 };
        alert.Take(signal, now);
        alert.Severity = signal.Severity;
        if (signal.Routine)
        {
            // Kept for the record, never among the active alerts: nobody has anything to do about it.
            alert.State = AlertState.Resolved;
            alert.ResolvedBy = RoutineActor;
            alert.ResolveReason = "Routine event: kept in the history; it needs no action.";
            alert.ResolvedAt = now;
        }
        return alert;
    }

    /// <summary>
    /// Takes a repeat of this alert's condition. Null means the repeat belongs on a new alert: this one was
    /// resolved longer ago than <paramref name="damping"/>.
    /// </summary>
    public AlertChange? Absorb(AlertSignal signal, DateTimeOffset now, TimeSpan damping)
    {
        if (signal.Key != Key) throw new ArgumentException($"Signal '{signal.Key}' is not this alert's condition '{Key}'.", nameof(signal));
        if (State == AlertState.Resolved)
        {
            if (ResolvedAt is { } resolved && now - resolved >= damping) return null;
            // Back within the damping window: the same trouble flapping, so reopen quietly.
            State = AlertState.Raised;
            Flaps++;
            AcknowledgedBy = AcknowledgeReason = ResolvedBy = ResolveReason = null;
            AcknowledgedAt = ResolvedAt = null;
        }
        Take(signal, now);
        if (signal.Severity <= Severity) return AlertChange.Counted;
        Severity = signal.Severity;
        EscalatedAt = now;
        return AlertChange.Escalated;
    }

    public void Acknowledge(string actor, string reason, DateTimeOffset now)
    {
        RequireWho(actor, reason, "Acknowledging");
        if (State != AlertState.Raised)
            throw new AlertTransitionException($"Alert '{Title}' is {State}; only a Raised alert can be acknowledged.");
        State = AlertState.Acknowledged;
        AcknowledgedBy = actor.Trim();
        AcknowledgeReason = reason.Trim();
        AcknowledgedAt = now;
    }

    public void Resolve(string actor, string reason, DateTimeOffset now)
    {
        RequireWho(actor, reason, "Resolving");
        if (State == AlertState.Resolved)
            throw new AlertTransitionException($"Alert '{Title}' is already Resolved.");
        State = AlertState.Resolved;
        ResolvedBy = actor.Trim();
        ResolveReason = reason.Trim();
        ResolvedAt = now;
    }

    /// <summary>Raises an open alert to CRITICAL once it has been held longer than <paramref name="heldFor"/>.</summary>
    public bool EscalateIfHeld(TimeSpan heldFor, DateTimeOffset now)
    {
        if (!IsOpen || Severity == AlertSeverity.Critical || now - RaisedAt <= heldFor) return false;
        Severity = AlertSeverity.Critical;
        EscalatedAt = now;
        Detail = $"{Detail} Escalated: held for more than {heldFor.TotalHours:0.#} h.";
        return true;
    }

    private void Take(AlertSignal signal, DateTimeOffset now)
    {
        Title = signal.Title;
        Detail = signal.Detail;
        Release = signal.Release ?? Release;
        RolloutId = signal.RolloutId ?? RolloutId;
        Stage = signal.Stage ?? Stage;
        if (signal.Gates is { Count: > 0 } gates) Gates = gates;
        LastSeenAt = now;
        Count++;
    }

    private static void RequireWho(string actor, string reason, string what)
    {
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException($"{what} an alert needs who is acting and why.");
    }
}
