using Lens.Core.Metrics;

namespace Lens.Core.Flags;

/// <summary>The reference evaluator services embed: which variant a user gets under a flag's current state.</summary>
public static class FlagEvaluator
{
    public static Variant Evaluate(FlagState flag, string userKey)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (flag.KillSwitch || flag.Percent <= 0) return Variant.Baseline;
        return FlagBucketing.Bucket(flag.Key, flag.Salt, userKey) < FlagBucketing.Threshold(flag.Percent)
            ? Variant.Candidate
            : Variant.Baseline;
    }

    /// <summary>
    /// Whether a user has a sub-feature on: never under the flag's kill switch or the sub-feature's own, otherwise when
    /// the user's flag bucket is below the sub-feature's share (a sub-feature the flag does not name is off).
    /// </summary>
    public static bool IsOn(FlagState flag, string subFeature, string userKey)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (flag.KillSwitch || !flag.Parameters.SubFeatures.TryGetValue(subFeature, out var parameter) || parameter.KillSwitch || parameter.Percent <= 0) return false;
        return FlagBucketing.Bucket(flag.Key, flag.Salt, userKey) < FlagBucketing.Threshold(parameter.Percent);
    }
}
