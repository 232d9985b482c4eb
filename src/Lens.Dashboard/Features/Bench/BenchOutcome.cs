using Lens.Core.Bench;
using Lens.Core.Gates;

namespace Lens.Dashboard.Features.Bench;

/// <summary>Everything a finished bench found, from which its three result files are written.</summary>
public sealed record BenchOutcome(
    string Release,
    string Fingerprint,
    string Source,
    string? Slice,
    DateOnly? Night,
    DateTimeOffset FinishedAt,
    IReadOnlyList<MeasureComparison> Measures,
    TrecEvaluation Baseline,
    TrecEvaluation Candidate,
    LatencyFigures? BaselineLatency,
    LatencyFigures? CandidateLatency,
    IReadOnlyList<BenchGateResult> Gates,
    Verdict Verdict,
    int BootstrapIterations,
    double Confidence,
    string ComparedAgainst)
{
    public double? Delta(string measure) => Measures.FirstOrDefault(m => m.Measure == measure)?.Delta;
}
