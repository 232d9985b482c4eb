using Lens.Core.Gates;

namespace Lens.Core.Bench;

/// <summary>One release gate's outcome: the measured value, the rule it was held to, and the evidence in words.</summary>
public sealed record BenchGateResult(string Gate, Verdict Verdict, double? Value, double Threshold, string Rule, string Evidence);
