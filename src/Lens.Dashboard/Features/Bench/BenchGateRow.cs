namespace Lens.Dashboard.Features.Bench;

/// <summary>One gate as a stored bench result shows it.</summary>
public sealed record BenchGateRow(string Gate, string Verdict, string Rule, string Evidence);
