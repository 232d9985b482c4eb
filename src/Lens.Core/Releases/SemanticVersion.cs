using System.Globalization;
using System.Text.RegularExpressions;

namespace Lens.Core.Releases;

/// <summary>
/// A SemVer 2.0 version, leniently read: a leading "v" and missing minor or patch are allowed ("v1" is 1.0.0),
/// as API and index versions are usually written that way.
/// </summary>
public sealed partial record SemanticVersion(int Major, int Minor, int Patch, string? PreRelease)
{
    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (text is null) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        if (!int.TryParse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)) return false;
        var minor = Part(match.Groups["minor"]);
        var patch = Part(match.Groups["patch"]);
        if (minor < 0 || patch < 0) return false;
        version = new SemanticVersion(major, minor, patch, match.Groups["pre"].Success ? match.Groups["pre"].Value : null);
        return true;
    }

    public override string ToString() => PreRelease is null ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{PreRelease}";

    private static int Part(Group group) =>
        !group.Success ? 0 : int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    // Numeric parts have no leading zeros (SemVer §2); build metadata is accepted and ignored (§10).
    [GeneratedRegex(@"^[vV]?(?<major>0|[1-9]\d{0,8})(?:\.(?<minor>0|[1-9]\d{0,8})(?:\.(?<patch>0|[1-9]\d{0,8}))?)?(?:-(?<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex Pattern();
}
