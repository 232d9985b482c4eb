using Lens.Core.Bench;

namespace Lens.Dashboard.Features.Bench;

/// <summary>One night of a release's validation: each slice's bench, and whether the night passed as a whole.</summary>
public sealed record NightSummary(DateOnly Night, bool Passed, IReadOnlyList<NightSlice> Slices);
