namespace Lens.Core.Calibration;

public enum TauSource
{
    /// <summary>Fitted by the daily job on a day's impressions.</summary>
    Daily,
    /// <summary>Set by a lead, with a reason.</summary>
    Override,
}
