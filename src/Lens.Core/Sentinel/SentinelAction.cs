namespace Lens.Core.Sentinel;

public enum SentinelAction
{
    None,
    Trip,
    Recover,
}
