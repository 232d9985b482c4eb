namespace Lens.Dashboard.Features.Flags;

/// <summary>A kill switch change waiting to be stored; completes when it is.</summary>
public sealed record PendingKillSwitch(string Name, bool Active, string Actor, string Reason, DateTimeOffset At)
{
    public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
