namespace Lens.Core.Flags;

/// <summary>
/// The switch services evaluate. A rollout drives its percentage; every change, including a kill switch
/// turning on or off, raises its version so services can order updates.
/// </summary>
public sealed class Flag
{
    private Flag() { }

    public string Key { get; private set; } = "";
    public string Salt { get; private set; } = "";
    /// <summary>The percentage the driving rollout intends; the served percentage is 0 under a kill switch.</summary>
    public decimal Percent { get; private set; }
    public long Version { get; private set; }
    public Guid? RolloutId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Flag Create(string key, string salt, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("A flag needs a key.", nameof(key));
        if (string.IsNullOrEmpty(salt)) throw new ArgumentException("A flag needs a salt.", nameof(salt));
        return new Flag { Key = key, Salt = salt, Version = 1, UpdatedAt = now };
    }

    /// <summary>Sets the share a rollout wants; returns whether anything changed.</summary>
    public bool Drive(Guid rolloutId, decimal percent, DateTimeOffset now)
    {
        if (RolloutId == rolloutId && Percent == percent) return false;
        RolloutId = rolloutId;
        Percent = percent;
        Touch(now);
        return true;
    }

    /// <summary>Marks a change that is not the flag's own, such as a kill switch.</summary>
    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }

    public FlagState ToState(bool killSwitchActive) =>
        new(Key, killSwitchActive ? 0m : Percent, Salt, Version, killSwitchActive);
}
