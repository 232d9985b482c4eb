namespace Lens.Core.Bench;

/// <summary>
/// What the gates judge, from one bench. Latency and span figures exist only for live benches; a bench over run
/// files leaves them null and those gates say so rather than pass.
/// </summary>
public sealed record BenchFigures(
    double? NdcgDelta,
    double? RecallDelta,
    double? BaselineP95Ms = null,
    double? CandidateP95Ms = null,
    double? CandidateP99Ms = null,
    double? SpanCoverage = null);
