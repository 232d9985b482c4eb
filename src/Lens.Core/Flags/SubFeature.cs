namespace Lens.Core.Flags;

/// <summary>
/// One part of a release that can be switched on for a share of users independently of the others (a canary block's
/// feature). Stored on its flag; <see cref="Percent"/> is the share the pipeline intends, the kill switch overrides it.
/// </summary>
public sealed record SubFeature(string Name, decimal Percent, bool KillSwitch, string? KillSwitchReason)
{
    /// <summary>The share of users that has it on as served: none under its own kill switch.</summary>
    public decimal ServedPercent => KillSwitch ? 0m : Percent;
}
