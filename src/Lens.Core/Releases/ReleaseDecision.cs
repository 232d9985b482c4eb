namespace Lens.Core.Releases;

/// <summary>A stakeholder's approval or rejection of a release, in their role, with their reason.</summary>
public sealed record ReleaseDecision(string Role, string Actor, bool Approved, string Reason, DateTimeOffset At);
