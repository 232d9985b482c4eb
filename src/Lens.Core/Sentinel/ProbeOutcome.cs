namespace Lens.Core.Sentinel;

public enum ProbeOutcome
{
    Pass,
    ZeroResults,
    Error,
    Timeout,
}
