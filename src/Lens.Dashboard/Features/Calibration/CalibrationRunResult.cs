using Lens.Core.Calibration;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>What one daily run did for one flag and closed day.</summary>
public sealed record CalibrationRunResult(string Flag, DateOnly Day, double ProposedTau, DriftStatus Drift, IReadOnlyList<string> Decisions);
