namespace Lens.Dashboard.Ui.Charts;

/// <summary>
/// One palette for every chart. Baseline is grey and candidate blue everywhere; probes and other independent series
/// take colours far apart on the wheel, so no two lines on one chart look alike.
/// </summary>
public static class ChartColors
{
    public const string Baseline = "#78909c";
    public const string BaselineLight = "#b0bec5";
    public const string BaselineDark = "#455a64";
    public const string Candidate = "#1565c0";
    public const string CandidateLight = "#64b5f6";
    public const string CandidateDark = "#0d47a1";
    // Limits, markers and event lines have colours no data line uses: app.css dashes them by their stroke colour.
    public const string Limit = "#d62728";
    public const string Marker = "#ff1744";
    public const string Reference = "#6d4c41";

    public static readonly string[] Distinct = ["#1565c0", "#e65100", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#827717", "#4e342e"];

    public static string Of(ChartEventKind kind) => kind switch
    {
        ChartEventKind.RolledBack or ChartEventKind.Aborted or ChartEventKind.KillSwitchOn => "#c62828",
        ChartEventKind.Paused or ChartEventKind.SteppedBack => "#9a6b00",
        ChartEventKind.Advanced or ChartEventKind.Promoted or ChartEventKind.Resumed or ChartEventKind.KillSwitchOff => "#2e7d32",
        _ => "#455a64",
    };

    /// <summary>The (dotted) line of an event; a separate set from <see cref="Of"/> so CSS can tell events from data.</summary>
    public static string EventLine(ChartEventKind kind) => kind switch
    {
        ChartEventKind.RolledBack or ChartEventKind.Aborted or ChartEventKind.KillSwitchOn => "#b71c1c",
        ChartEventKind.Paused or ChartEventKind.SteppedBack => "#b26a00",
        ChartEventKind.Advanced or ChartEventKind.Promoted or ChartEventKind.Resumed or ChartEventKind.KillSwitchOff => "#1b5e20",
        _ => "#37474f",
    };
}
