namespace Lens.Dashboard.Features.Flags;

/// <summary>
/// The answer to flipping a kill switch. <see cref="Durable"/> is false while the database cannot take the write: an
/// activation already holds every flag at baseline, and is stored (with its audit entry) as soon as writes resume.
/// </summary>
public sealed record KillSwitchChange(string Name, bool Active, string Actor, string Reason, DateTimeOffset ChangedAt, bool Durable);
