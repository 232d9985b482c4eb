namespace Lens.Dashboard.Persistence;

/// <summary>
/// When a scheduled job is next due, kept across restarts. The scheduler itself lives in memory; this row is how a
/// restarted dashboard knows that a fire came and went while it was down.
/// </summary>
public sealed class ScheduleMark
{
    private ScheduleMark() { }

    public string Job { get; private set; } = "";
    public DateTimeOffset NextFireAt { get; private set; }

    public static ScheduleMark For(string job, DateTimeOffset nextFireAt) => new() { Job = job, NextFireAt = nextFireAt };

    public void MoveTo(DateTimeOffset nextFireAt) => NextFireAt = nextFireAt;
}
