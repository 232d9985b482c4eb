using Lens.Core.Gates;

namespace Lens.Dashboard.Features.Bench;

/// <summary>One slice's bench on one night, and the gates it failed (by name) when it failed.</summary>
public sealed record NightSlice(string Slice, Guid RunId, Verdict? Verdict, double? NdcgDelta, double? RecallDelta, string? Error,
    IReadOnlyList<string>? FailedGates = null, string MeasuresFollow = Lens.Core.Bench.TrecEvaluator.Reference);
