using System.Globalization;
using Lens.Core.Monitoring;

namespace Lens.Dashboard.Features.Detectors;

/// <summary>
/// The command that replays a detector's exported history with <c>lens monitor cusum</c>. μ₀ and σ carry ten
/// significant digits: enough to reproduce the sums the dashboard stored, without a learned mean's float noise.
/// </summary>
public static class ReplayCommand
{
    public static string FileName(string detector) => $"detector_{detector}_history.csv";

    public static string? For(Detector detector) => detector.Parameters is { } p
        ? string.Create(CultureInfo.InvariantCulture,
            $"lens monitor cusum --input {FileName(detector.Name)} --column value --target {p.Target:G10} --sigma {p.Sigma:G10} --k {p.K:G10} --h {p.H:G10}")
        : null;
}
