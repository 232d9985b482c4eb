using Lens.Core.Releases;

namespace Lens.Dashboard.Features.Bench;

/// <summary>A release's nightly marks after a pin or a retirement.</summary>
public sealed record NightlyMarkView(string Version, ReleaseMark? Pinned, ReleaseMark? Retired);
