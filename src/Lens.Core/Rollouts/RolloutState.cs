namespace Lens.Core.Rollouts;

public enum RolloutState
{
    Pending,
    Running,
    Paused,
    Promoted,
    RolledBack,
    Aborted,
}
