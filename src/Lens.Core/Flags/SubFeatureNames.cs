using System.Text.RegularExpressions;

namespace Lens.Core.Flags;

/// <summary>The sub-features the deployment guide's canary blocks move, and the rule every sub-feature name follows.</summary>
public static partial class SubFeatureNames
{
    public const string NativeScanner = "stageA.native_scanner";
    public const string StageBEnabled = "stageB.enabled";
    public const string StageBLruCaching = "stageB.lruCaching";
    public const string StageCEnabled = "stageC.enabled";
    public const string StageCIsotonicCalibration = "stageC.isotonicCalibration";

    public static IReadOnlyList<string> Known { get; } = [NativeScanner, StageBEnabled, StageBLruCaching, StageCEnabled, StageCIsotonicCalibration];

    /// <summary>Dotted identifiers, so a name is safe in a URL segment and as a JSON key: "stageB.lruCaching".</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= 100 } && Pattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$")]
    private static partial Regex Pattern();
}
