namespace Lens.Core.Flags;

/// <summary>The isotonic map services apply to a raw score: linear between the points, clipped outside them.</summary>
public sealed record CalibrationMap(IReadOnlyList<double> X, IReadOnlyList<double> Y);
