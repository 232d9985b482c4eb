namespace Lens.Core.Releases;

/// <summary>
/// SemVer compatibility of a client API version with an index version. A different major version is incompatible
/// (SemVer §8). Below 1.0.0 anything may change (§4), so there a different minor version is incompatible too.
/// </summary>
public static class Compatibility
{
    public static CompatibilityVerdict Check(SemanticVersion api, SemanticVersion index)
    {
        if (api.Major != index.Major)
            return new(false, $"Major versions differ: API {api.Major} and index {index.Major}. A major version changes the contract.");
        if (api.Major == 0 && api.Minor != index.Minor)
            return new(false, $"Before 1.0.0 a minor version may break the contract: API 0.{api.Minor} and index 0.{index.Minor}.");
        return new(true, api.Major == 0
            ? $"Same pre-1.0 minor version (0.{api.Minor})."
            : $"Same major version ({api.Major}); minor and patch differences are backward compatible.");
    }
}
