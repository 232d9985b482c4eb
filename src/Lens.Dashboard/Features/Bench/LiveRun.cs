using Lens.Core.Bench;

namespace Lens.Dashboard.Features.Bench;

/// <summary>
/// What one side of a live bench recorded: each query's result list as a TREC run (every query present, an
/// unanswered one with no results), every answered request's latency, and how many results had a valid span.
/// </summary>
public sealed record LiveRun(
    Dictionary<string, List<TrecResult>> Run,
    IReadOnlyList<double> LatenciesMs,
    int Results,
    int ValidSpans,
    int Errors,
    IReadOnlyList<string> ErrorSamples)
{
    public double? SpanCoverage => Results == 0 ? null : (double)ValidSpans / Results;
}
