using Lens.Dashboard.Features.Live;
using Lens.Dashboard.Features.Metrics;
using Microsoft.AspNetCore.Components;

namespace Lens.Dashboard.Ui;

/// <summary>
/// A component that redraws when the server pushes a change. It loads when its parameters name something new (so moving
/// from one rollout to another in the same tab shows the new one), subscribes after the first render, coalesces bursts
/// into one reload, and unsubscribes on dispose. A reload that fails is shown, not swallowed: the panel says since when
/// its data is old and why, and tries again on the next change.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private int _reloadQueued;
    private bool _subscribed;
    private bool _disposed;
    private bool _loaded;
    private object? _loadedKey;

    [Inject] protected LensEvents Events { get; set; } = default!;
    [Inject] protected LiveMetrics Metrics { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<LiveComponentBase> Logger { get; set; } = default!;

    /// <summary>When the data on screen was loaded.</summary>
    protected DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Why the last load failed, while the data on screen is older than it should be; null when current.</summary>
    protected LoadFailure? Failure { get; private set; }

    protected abstract Task LoadAsync();

    /// <summary>What the loaded data depends on among the parameters (a page's id); a new value loads again.</summary>
    protected virtual object? LoadKey => null;

    protected virtual bool Wants(LensEvent e) => true;

    protected virtual bool WantsMetrics(string flag) => false;

    protected override async Task OnParametersSetAsync()
    {
        var key = LoadKey;
        if (_loaded && Equals(key, _loadedKey)) return;
        _loaded = true;
        _loadedKey = key;
        await LoadSafelyAsync();
    }

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
            await LoadSafelyAsync();
            StateHasChanged();
        });
    }

    /// <summary>Loads, recording a failure instead of throwing: a failed refresh must not take the page (or the circuit) down.</summary>
    protected async Task LoadSafelyAsync()
    {
        try
        {
            await LoadAsync();
            LoadedAt = Clock.GetUtcNow();
            Failure = null;
        }
        catch (ObjectDisposedException) when (_disposed) { }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "{Component} could not load its data", GetType().Name);
            Failure = new LoadFailure(Clock.GetUtcNow(), ex.Message, LoadedAt);
        }
    }

    public virtual void Dispose()
    {
        _disposed = true;
        if (!_subscribed) return;
        Events.Published -= OnEvent;
        Metrics.Changed -= OnMetrics;
        GC.SuppressFinalize(this);
    }
}
