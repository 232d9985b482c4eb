namespace Lens.Core.Statistics;

/// <summary>A chi-square test's statistic, its degrees of freedom, its p-value, and how many observations it saw.</summary>
public readonly record struct ChiSquareResult(double Statistic, int DegreesOfFreedom, double P, long Observations);
