namespace Lens.Dashboard.Features.Demo;

/// <summary>
/// Set once the demo service has warmed both versions' code paths, holds the flag stream, and has served and reported
/// for a few seconds (<see cref="DemoTrafficGenerator.Settle"/>). A rollout started before that would judge the
/// candidate on cold-start outliers, not on its behaviour.
/// </summary>
public sealed class DemoReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}
