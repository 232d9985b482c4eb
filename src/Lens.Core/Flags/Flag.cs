using System.Security.Cryptography;

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
    public double? Tau { get; private set; }
    public IReadOnlyList<double>? CalibrationX { get; private set; }
    public IReadOnlyList<double>? CalibrationY { get; private set; }
    public bool LtrFallback { get; private set; }
    /// <summary>The first day the drift check's baseline may use: the day a fallback was last cleared (scores since are the new normal).</summary>
    public DateOnly? DriftBaselineSince { get; private set; }
    /// <summary>The flag's sub-features in the order they were first set; services read them in the parameters.</summary>
    public IReadOnlyList<SubFeature> SubFeatures { get; private set; } = [];

    public static Flag Create(string key, string salt, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("A flag needs a key.", nameof(key));
        if (string.IsNullOrEmpty(salt)) throw new ArgumentException("A flag needs a salt.", nameof(salt));
        return new Flag { Key = key, Salt = salt, Version = 1, UpdatedAt = now };
    }

    /// <summary>A new flag with a random salt, so its buckets are independent of every other flag's.</summary>
    public static Flag Create(string key, DateTimeOffset now) => Create(key, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), now);

    /// <summary>Publishes a τ and the map it is measured on (null: raw scores); returns whether anything changed.</summary>
    public bool ApplyCalibration(double tau, IReadOnlyList<double>? mapX, IReadOnlyList<double>? mapY, DateTimeOffset now)
    {
        if (!double.IsFinite(tau) || tau is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(tau), "τ is a calibrated score, between 0 and 1.");
        if ((mapX is null) != (mapY is null) || (mapX is not null && (mapX.Count == 0 || mapX.Count != mapY!.Count)))
            throw new ArgumentException("A calibration map needs as many outputs as points, and at least one.", nameof(mapY));
        if (Tau == tau && Same(CalibrationX, mapX) && Same(CalibrationY, mapY)) return false;
        Tau = tau;
        CalibrationX = mapX is null ? null : [.. mapX];
        CalibrationY = mapY is null ? null : [.. mapY];
        Touch(now);
        return true;
    }

    /// <summary>
    /// Tells services to use (or stop using) their fallback ranker; returns whether anything changed. Clearing it
    /// restarts the drift baseline: whoever clears it says the scores from now on are the ranker's normal.
    /// </summary>
    public bool SetLtrFallback(bool active, DateTimeOffset now)
    {
        if (LtrFallback == active) return false;
        LtrFallback = active;
        if (!active) DriftBaselineSince = DateOnly.FromDateTime(now.UtcDateTime);
        Touch(now);
        return true;
    }

    public FlagParameters Parameters => new(Tau, CalibrationX is null ? null : new CalibrationMap(CalibrationX, CalibrationY!), LtrFallback)
    {
        SubFeatures = SubFeatures.ToDictionary(s => s.Name, s => new SubFeatureParameter(s.ServedPercent, s.KillSwitch), StringComparer.Ordinal),
    };

    public SubFeature? SubFeature(string name) => SubFeatures.FirstOrDefault(s => s.Name == name);

    /// <summary>Sets the share of users a sub-feature is meant for (adding it at that share); returns whether anything changed.</summary>
    public bool SetSubFeaturePercent(string name, decimal percent, DateTimeOffset now)
    {
        if (!SubFeatureNames.IsValid(name)) throw new ArgumentException($"'{name}' is not a sub-feature name (dotted identifiers, such as stageB.lruCaching).", nameof(name));
        if (percent is < 0m or > 100m) throw new ArgumentOutOfRangeException(nameof(percent), "A share of users is between 0 and 100%.");
        var current = SubFeature(name);
        if (current is not null && current.Percent == percent) return false;
        Replace(current ?? new SubFeature(name, 0m, false, null), s => s with { Percent = percent });
        Touch(now);
        return true;
    }

    /// <summary>
    /// Switches one sub-feature off for everyone (or releases it) without touching the others or the flag's share;
    /// a sub-feature not set yet is added at 0%, so a lead can hold one off before a pipeline reaches it.
    /// </summary>
    public bool SetSubFeatureKillSwitch(string name, bool active, string reason, DateTimeOffset now)
    {
        if (!SubFeatureNames.IsValid(name)) throw new ArgumentException($"'{name}' is not a sub-feature name (dotted identifiers, such as stageB.lruCaching).", nameof(name));
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A sub-feature kill switch needs a reason.", nameof(reason));
        var current = SubFeature(name);
        if (current is not null && current.KillSwitch == active) return false;
        Replace(current ?? new SubFeature(name, 0m, false, null), s => s with { KillSwitch = active, KillSwitchReason = active ? reason.Trim() : null });
        Touch(now);
        return true;
    }

    private void Replace(SubFeature current, Func<SubFeature, SubFeature> change)
    {
        var list = SubFeatures.ToList();
        var index = list.FindIndex(s => s.Name == current.Name);
        if (index < 0) list.Add(change(current));
        else list[index] = change(current);
        SubFeatures = list;
    }

    private static bool Same(IReadOnlyList<double>? a, IReadOnlyList<double>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

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
        new(Key, killSwitchActive ? 0m : Percent, Salt, Version, killSwitchActive) { Parameters = Parameters };
}
