namespace Lens.Core.Flags;

/// <summary>
/// Values services read beside the flag's share and apply without a redeploy: the applied τ (null until one applies),
/// the calibration map it is measured on (null: use raw scores), and whether to use the fallback ranker.
/// </summary>
public sealed record FlagParameters(double? Tau, CalibrationMap? Calibration, bool LtrFallback)
{
    // Declared before None: static fields initialise in order, and None needs it.
    private static readonly IReadOnlyDictionary<string, SubFeatureParameter> Empty = new Dictionary<string, SubFeatureParameter>();

    public static readonly FlagParameters None = new(null, null, false);

    /// <summary>Each sub-feature by name (see <see cref="SubFeatureParameter"/>); empty when the flag has none.</summary>
    public IReadOnlyDictionary<string, SubFeatureParameter> SubFeatures { get; init; } = Empty;

    // A record compares its dictionary by reference; two states with the same sub-features are the same parameters.
    public bool Equals(FlagParameters? other) =>
        other is not null && Tau == other.Tau && Equals(Calibration, other.Calibration) && LtrFallback == other.LtrFallback
        && SubFeatures.Count == other.SubFeatures.Count
        && SubFeatures.All(s => other.SubFeatures.TryGetValue(s.Key, out var o) && o == s.Value);

    public override int GetHashCode() => HashCode.Combine(Tau, Calibration, LtrFallback, SubFeatures.Count);
}
