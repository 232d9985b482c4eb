using Lens.Core.Releases;

namespace Lens.Dashboard.Features.Bench;

/// <summary>GET /api/nightly/candidates: every candidate, whether tonight validates it and why, and the cap on unpinned ones.</summary>
public sealed record NightlyCandidatesView(string Night, int MaxReleases, IReadOnlyList<NightlyChoice> Candidates);
