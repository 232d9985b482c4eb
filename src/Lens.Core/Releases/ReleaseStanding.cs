namespace Lens.Core.Releases;

/// <summary>
/// Where a release stands, as people ask it: GA, or what its latest rollout did. A candidate whose canary was rolled
/// back is not simply "a candidate": lists and pages say "rolled back" until it is rolled out again.
/// </summary>
public enum ReleaseStanding
{
    NotRolledOut,
    InCanary,
    CanaryPaused,
    RolledBack,
    Aborted,
    Promoted,
    GenerallyAvailable,
}
