namespace Lens.Core.Releases;

/// <summary>Who marked a release (pinned or retired it), why, and when.</summary>
public sealed record ReleaseMark(string By, string Reason, DateTimeOffset At);
