using Lens.Core.Releases;

namespace Lens.Dashboard.Features.Releases;

/// <summary>One release as the releases list shows it, with where it stands after its latest rollout.</summary>
public sealed record ReleaseRow(string Version, string Fingerprint, string ConfigJson, DateTimeOffset CreatedAt, ReleaseStanding Standing, int Rollouts);
