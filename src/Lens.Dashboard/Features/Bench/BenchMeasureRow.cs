namespace Lens.Dashboard.Features.Bench;

/// <summary>One measure as a stored bench result shows it: both means, their difference and its interval.</summary>
public sealed record BenchMeasureRow(string Measure, double Baseline, double Candidate, double Delta, double CiLower, double CiUpper);
