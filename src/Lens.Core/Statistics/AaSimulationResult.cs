namespace Lens.Core.Statistics;

/// <summary>
/// The share of A/A runs in which each test declared a difference at some look: the sequential test's (always valid, so
/// at most about α) and the naive fixed-horizon z-test's, checked at every look (well above α).
/// </summary>
public sealed record AaSimulationResult(int Runs, int Looks, double SequentialFalsePositiveRate, double NaiveFalsePositiveRate);
