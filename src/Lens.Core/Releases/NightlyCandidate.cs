namespace Lens.Core.Releases;

/// <summary>What the nightly choice needs to know of one release.</summary>
public sealed record NightlyCandidate(
    string Version,
    DateTimeOffset CreatedAt,
    ReleaseStatus Status,
    ReleaseMark? Pinned,
    ReleaseMark? Retired,
    bool LatestRolloutRolledBack);
