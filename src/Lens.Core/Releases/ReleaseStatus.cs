namespace Lens.Core.Releases;

public enum ReleaseStatus
{
    /// <summary>Created and validating; may receive canary traffic.</summary>
    Candidate,

    /// <summary>Promoted to general availability after three clean nights and every sign-off.</summary>
    GeneralAvailability,
}
