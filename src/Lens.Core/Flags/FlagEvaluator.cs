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
}
