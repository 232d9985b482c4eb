namespace Lens.Core.Flags;

/// <summary>
/// Values services read beside the flag's share and apply without a redeploy: the applied τ (null until one applies),
/// the calibration map it is measured on (null: use raw scores), and whether to use the fallback ranker.
/// </summary>
public sealed record FlagParameters(double? Tau, CalibrationMap? Calibration, bool LtrFallback)
{
    public static readonly FlagParameters None = new(null, null, false);
}
