namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>A clock tests move by hand. Timers still run in real time; only "now" is controlled.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    private readonly object _gate = new();

    public static FakeClock StartingAt2026() => new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    public void Advance(TimeSpan by) { lock (_gate) _now += by; }
}
