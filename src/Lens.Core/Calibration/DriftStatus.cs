namespace Lens.Core.Calibration;

public enum DriftStatus
{
    /// <summary>Fewer baseline days than the check needs: nothing is judged yet.</summary>
    InsufficientBaseline,
    Stable,
    Drifted,
}
