namespace Lens.Core.Metrics;

/// <summary>
/// What one variant reported for one gauge over a window: how many reports, their sum, lowest and highest.
/// Gates judge the mean: a single report is a snapshot, and one spike should not decide a stage on its own.
/// </summary>
public sealed record GaugeSummary(long Samples, double Sum, double? Min, double? Max)
{
    public static readonly GaugeSummary Empty = new(0, 0, null, null);

    public double? Mean => Samples == 0 ? null : Sum / Samples;
}
