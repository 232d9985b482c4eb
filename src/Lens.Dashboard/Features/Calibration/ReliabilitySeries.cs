using Lens.Core.Calibration;

namespace Lens.Dashboard.Features.Calibration;

/// <summary>One line on a reliability diagram: its bins, name and colour; dashed for a calibrated curve.</summary>
public sealed record ReliabilitySeries(string Name, string Color, IReadOnlyList<ReliabilityBin> Bins, bool Dashed = false);
