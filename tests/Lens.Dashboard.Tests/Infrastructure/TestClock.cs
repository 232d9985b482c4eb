using Microsoft.Extensions.Time.Testing;

namespace Lens.Dashboard.Tests.Infrastructure;

/// <summary>Where the fake clock of every test starts: a fixed Sunday morning, so dates in assertions are known.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider StartingAt2026() => new(Start);
}
