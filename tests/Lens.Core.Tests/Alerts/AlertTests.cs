using Lens.Core.Alerts;

namespace Lens.Core.Tests.Alerts;

public sealed class AlertTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Damping = TimeSpan.FromMinutes(10);

    private static AlertSignal Signal(AlertSeverity severity = AlertSeverity.High, string key = "probe:class") =>
        new(key, severity, AlertSource.Probe, "Probe 'class' failing", "zero results");

    private static Alert InState(AlertState state)
    {
        var alert = Alert.Raise(Signal(), T0);
        if (state is AlertState.Acknowledged) alert.Acknowledge("ann", "on it", T0.AddMinutes(1));
        if (state is AlertState.Resolved) alert.Resolve("ann", "fixed", T0.AddMinutes(2));
        return alert;
    }

    [Fact]
    public void Raise_NewCondition_IsRaisedOnceWithItsSeverity()
    {
        var alert = Alert.Raise(Signal(AlertSeverity.Critical), T0);
        Assert.Equal(AlertState.Raised, alert.State);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(1, alert.Count);
        Assert.Equal(T0, alert.RaisedAt);
    }

    [Theory]
    [InlineData(AlertState.Raised, "ack", AlertState.Acknowledged)]
    [InlineData(AlertState.Raised, "resolve", AlertState.Resolved)]
    [InlineData(AlertState.Acknowledged, "resolve", AlertState.Resolved)]
    public void Step_LegalTransition_MovesAndRecordsWhoAndWhy(AlertState from, string step, AlertState expected)
    {
        var alert = InState(from);
        var at = T0.AddMinutes(5);
        if (step == "ack") alert.Acknowledge(" bo ", " paging the index team ", at); else alert.Resolve(" bo ", " shard restored ", at);
        Assert.Equal(expected, alert.State);
        if (step == "ack") Assert.Equal(("bo", "paging the index team", at), (alert.AcknowledgedBy, alert.AcknowledgeReason, alert.AcknowledgedAt!.Value));
        else Assert.Equal(("bo", "shard restored", at), (alert.ResolvedBy, alert.ResolveReason, alert.ResolvedAt!.Value));
    }

    [Theory]
    [InlineData(AlertState.Acknowledged, "ack")]
    [InlineData(AlertState.Resolved, "ack")]
    [InlineData(AlertState.Resolved, "resolve")]
    public void Step_IllegalTransition_ThrowsAlertTransitionExceptionAndChangesNothing(AlertState from, string step)
    {
        var alert = InState(from);
        var ex = Record.Exception(() => { if (step == "ack") alert.Acknowledge("bo", "why", T0.AddHours(1)); else alert.Resolve("bo", "why", T0.AddHours(1)); });
        Assert.IsType<AlertTransitionException>(ex);
        Assert.Equal(from, alert.State);
    }

    [Theory]
    [InlineData("", "reason")]
    [InlineData("bo", " ")]
    public void Acknowledge_WithoutActorOrReason_IsRefused(string actor, string reason) =>
        Assert.Throws<ArgumentException>(() => InState(AlertState.Raised).Acknowledge(actor, reason, T0));

    [Fact]
    public void Absorb_RepeatWhileOpen_CountsWithoutAnnouncing()
    {
        var alert = InState(AlertState.Acknowledged);
        var change = alert.Absorb(Signal(), T0.AddMinutes(3), Damping);
        Assert.Equal(AlertChange.Counted, change);
        Assert.Equal(2, alert.Count);
        Assert.Equal(AlertState.Acknowledged, alert.State);
        Assert.Equal(T0.AddMinutes(3), alert.LastSeenAt);
    }

    [Fact]
    public void Absorb_MoreSevereRepeat_Escalates()
    {
        var alert = Alert.Raise(Signal(AlertSeverity.Warn), T0);
        Assert.Equal(AlertChange.Escalated, alert.Absorb(Signal(AlertSeverity.Critical), T0.AddMinutes(1), Damping));
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(T0.AddMinutes(1), alert.EscalatedAt);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(60, false)]
    public void Absorb_AfterResolve_ReopensQuietlyOnlyWithinDamping(int minutesAfterResolve, bool reopens)
    {
        var alert = InState(AlertState.Resolved); // resolved at T0+2
        var change = alert.Absorb(Signal(), T0.AddMinutes(2 + minutesAfterResolve), Damping);
        if (reopens)
        {
            Assert.Equal(AlertChange.Counted, change);
            Assert.Equal((AlertState.Raised, 1, 2), (alert.State, alert.Flaps, alert.Count));
            Assert.Null(alert.ResolvedBy);
        }
        else
        {
            Assert.Null(change);
            Assert.Equal(AlertState.Resolved, alert.State);
        }
    }

    [Fact]
    public void Absorb_OtherCondition_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Alert.Raise(Signal(), T0).Absorb(Signal(key: "probe:def"), T0, Damping));

    [Theory]
    [InlineData(AlertSeverity.High, AlertState.Raised, 24 * 60, false)]
    [InlineData(AlertSeverity.High, AlertState.Raised, 24 * 60 + 1, true)]
    [InlineData(AlertSeverity.High, AlertState.Acknowledged, 25 * 60, true)]
    [InlineData(AlertSeverity.High, AlertState.Resolved, 25 * 60, false)]
    [InlineData(AlertSeverity.Critical, AlertState.Raised, 25 * 60, false)]
    public void EscalateIfHeld_HeldPastLimit_BecomesCritical(AlertSeverity severity, AlertState state, int minutes, bool escalates)
    {
        var alert = Alert.Raise(Signal(severity), T0);
        if (state == AlertState.Acknowledged) alert.Acknowledge("a", "b", T0);
        if (state == AlertState.Resolved) alert.Resolve("a", "b", T0);
        Assert.Equal(escalates, alert.EscalateIfHeld(TimeSpan.FromHours(24), T0.AddMinutes(minutes)));
        Assert.Equal(escalates ? AlertSeverity.Critical : severity, alert.Severity);
    }
}
