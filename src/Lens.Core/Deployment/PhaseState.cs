namespace Lens.Core.Deployment;

/// <summary>Where one phase is. Skipped: the start asked for it to be left out (--skip-bench, --skip-canary).</summary>
public enum PhaseState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Aborted,
    Skipped,
}
