namespace Lens.Core.Gates;

/// <summary>
/// Limits on one gauge a service reports (memory_mb, cache_hit_rate, …), judged on the candidate's mean over the stage
/// window once it has MinSamples reports. Max is a ceiling and Min a floor, in the gauge's own unit. The relative limits
/// compare the candidate's mean with the baseline's in the same window: MaxIncreaseVsBaseline 0.10 allows at most 10%
/// above, MaxDecreaseVsBaseline 0.05 at most 5% below. A null limit is not checked.
/// </summary>
public sealed record GaugeGate(
    string Name,
    double? Max = null,
    double? Min = null,
    double? MaxIncreaseVsBaseline = null,
    double? MaxDecreaseVsBaseline = null,
    int MinSamples = GaugeGate.DefaultMinSamples)
{
    public const int DefaultMinSamples = 3;
}
