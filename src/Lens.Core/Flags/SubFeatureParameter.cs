namespace Lens.Core.Flags;

/// <summary>
/// What services read for one sub-feature in the flag's parameters: the share of users that has it on (0 under its
/// kill switch) and whether its kill switch is active. A user has it on when their flag bucket is below the share's
/// threshold, the same rule as the flag's own percentage, so raising a share only ever adds users.
/// </summary>
public sealed record SubFeatureParameter(decimal Percent, bool KillSwitch);
