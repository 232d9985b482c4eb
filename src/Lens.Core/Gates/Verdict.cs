namespace Lens.Core.Gates;

public enum Verdict
{
    Pass,
    Fail,
    InsufficientData,
    /// <summary>Enough samples, but the interval still straddles the limit: holds the stage, never advances it.</summary>
    Inconclusive,
}
