namespace Lens.Dashboard.Features.Demo;

/// <summary>Faults injected into the demo candidate, to show automatic rollback. Zero means healthy.</summary>
public sealed class DemoFaults
{
    private volatile Snapshot _current = new(0, 0);

    public Snapshot Current => _current;

    public void Set(double errorRate, double addedLatencyMs) => _current = new Snapshot(errorRate, addedLatencyMs);

    public sealed record Snapshot(double ErrorRate, double AddedLatencyMs)
    {
        public bool Any => ErrorRate > 0 || AddedLatencyMs > 0;
    }
}
