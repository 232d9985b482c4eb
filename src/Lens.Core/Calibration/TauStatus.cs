namespace Lens.Core.Calibration;

public enum TauStatus
{
    /// <summary>Proposed, waiting for its two holdout days.</summary>
    Holdout,
    Applied,
    Rejected,
}
