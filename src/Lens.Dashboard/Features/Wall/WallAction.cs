namespace Lens.Dashboard.Features.Wall;

/// <summary>One automatic action or kill-switch change on the wall, naming the release and flag it touched.</summary>
public sealed record WallAction(long Id, DateTimeOffset At, string Action, string Reason, string? Release, string? Flag, string? Subject);
