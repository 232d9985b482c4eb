namespace Lens.Dashboard.Hosting;

/// <summary>A wake-up that coalesces: any number of sets before a wait release that one wait.</summary>
public sealed class AsyncAutoResetSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try { _semaphore.Release(); } catch (SemaphoreFullException) { }
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await Task.WhenAny(_semaphore.WaitAsync(timer.Token), Task.Delay(timeout, clock, timer.Token));
        }
        finally
        {
            timer.Cancel();
        }
    }
}
