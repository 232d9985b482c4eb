namespace Lens.Core.Releases;

/// <summary>How the API, the CLI and the pages name a release's status.</summary>
public static class ReleaseStatusNames
{
    public const string Candidate = "candidate";
    public const string GenerallyAvailable = "ga";

    public static string Name(this ReleaseStatus status) => status == ReleaseStatus.GeneralAvailability ? GenerallyAvailable : Candidate;
}
