namespace Lens.Core.Gates;

public enum Verdict
{
    Pass,
    Fail,
    InsufficientData,
}
