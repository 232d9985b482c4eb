using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Metrics;
using Microsoft.AspNetCore.Components;

namespace Lens.Dashboard.Components.Shared;

/// <summary>
/// A component that redraws when the server pushes a change. It subscribes after the first render
/// (so prerendering never subscribes), coalesces bursts into one reload, and unsubscribes on dispose.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private int _reloadQueued;
    private bool _subscribed;
    private bool _disposed;

    [Inject] protected LensEvents Events { get; set; } = default!;
    [Inject] protected LiveMetrics Metrics { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    protected DateTimeOffset LastPushAt { get; private set; }

    protected abstract Task LoadAsync();

    protected virtual bool Wants(LensEvent e) => true;

    protected virtual bool WantsMetrics(string flag) => false;

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || _subscribed) return;
        Events.Published += OnEvent;
        Metrics.Changed += OnMetrics;
        _subscribed = true;
    }

    private void OnEvent(LensEvent e)
    {
        if (Wants(e)) QueueReloadOffPublisher();
    }

    private void OnMetrics(string flag)
    {
        if (WantsMetrics(flag)) QueueReloadOffPublisher();
    }

    // The publisher's thread must not do the work: when a circuit is idle, InvokeAsync runs its callback right there,
    // and SQLite's "async" reads complete synchronously, so fifty open pages used to load and render one after
    // another inside the API request that paused a rollout. The thread pool spreads them over the cores instead.
    private void QueueReloadOffPublisher() =>
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.QueueReload(), this, preferLocal: false);

    protected void QueueReload()
    {
        if (_disposed || Interlocked.Exchange(ref _reloadQueued, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            Interlocked.Exchange(ref _reloadQueued, 0);
            if (_disposed) return;
            try
            {
                await LoadAsync();
                LastPushAt = Clock.GetUtcNow();
                StateHasChanged();
            }
            catch (ObjectDisposedException) { }
        });
    }

    public virtual void Dispose()
    {
        _disposed = true;
        if (!_subscribed) return;
        Events.Published -= OnEvent;
        Metrics.Changed -= OnMetrics;
    }
}
