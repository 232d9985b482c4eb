using Lens.Core.Statistics;

namespace Lens.Core.Bench;

/// <summary>One measure for a baseline/candidate pair: both means as trec_eval reports them, their difference, and its interval.</summary>
public sealed record MeasureComparison(string Measure, double Baseline, double Candidate, double Delta, ConfidenceInterval Interval, int PairedQueries);
