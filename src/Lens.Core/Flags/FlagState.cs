namespace Lens.Core.Flags;

/// <summary>
/// What services hold for one flag. Percent is the candidate's share as served: 0 while any kill switch
/// is active. Version rises with every change so a service can ignore an older update.
/// </summary>
public sealed record FlagState(string Key, decimal Percent, string Salt, long Version, bool KillSwitch)
{
    public FlagParameters Parameters { get; init; } = FlagParameters.None;

    /// <summary>Of two states of the same flag, the one to keep: updates may arrive out of order, versions do not lie.</summary>
    public FlagState NewerOf(FlagState other) => other.Version > Version ? other : this;
}
