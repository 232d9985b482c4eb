using Lens.Core.Gates;

namespace Lens.Dashboard.Features.Bench;

/// <summary>One slice's bench on one night.</summary>
public sealed record NightSlice(string Slice, Guid RunId, Verdict? Verdict, double? NdcgDelta, double? RecallDelta, string? Error);
