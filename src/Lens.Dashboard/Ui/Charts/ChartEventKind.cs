namespace Lens.Dashboard.Ui.Charts;

/// <summary>What happened at an annotated moment; it decides the annotation's colour.</summary>
public enum ChartEventKind
{
    Started,
    Advanced,
    Paused,
    Resumed,
    Promoted,
    RolledBack,
    Aborted,
    SteppedBack,
    KillSwitchOn,
    KillSwitchOff,
    Reset,
    Note,
}
