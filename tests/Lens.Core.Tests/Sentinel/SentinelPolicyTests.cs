using Lens.Core.Sentinel;

namespace Lens.Core.Tests.Sentinel;

public sealed class SentinelPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1), Minute = TimeSpan.FromMinutes(1), Recovery = TimeSpan.FromMinutes(30);

    /// <summary>Rounds one minute apart from T0, written as a string: P passed, F failed.</summary>
    private static List<ProbeRound> Rounds(string pattern) => pattern.Select((c, i) => new ProbeRound(T0.AddMinutes(i), c == 'P')).ToList();

    [Theory]
    [InlineData(null, false, true)]
    [InlineData(59, false, false)]
    [InlineData(60, false, true)]
    [InlineData(0, true, false)]
    [InlineData(1, true, true)]
    public void IsDue_HourlyNormallyEveryMinuteWhileTripped(int? minutesSinceLast, bool tripped, bool due)
    {
        DateTimeOffset? last = minutesSinceLast is { } m ? T0 : null;
        var now = T0.AddMinutes(minutesSinceLast ?? 0);
        Assert.Equal(due, SentinelPolicy.IsDue(now, last, tripped, Hour, Minute));
    }

    [Theory]
    [InlineData("", false, false, 0, SentinelAction.None)]
    [InlineData("PPF", false, false, 2, SentinelAction.Trip)]
    [InlineData("F", true, true, 0, SentinelAction.None)]       // already tripped
    [InlineData("PPP", false, false, 40, SentinelAction.None)]  // healthy
    // Failed at minute 0, passing from minute 1: 30 minutes of passes first reached at minute 31.
    [InlineData("FPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP", true, true, 30, SentinelAction.None)]
    [InlineData("FPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP", true, true, 31, SentinelAction.Recover)]
    // A failure in the middle restarts the count.
    [InlineData("FPPPPPPPPPPPPPPPPPPPPPPPPPPPPPFP", true, true, 31, SentinelAction.None)]
    // Tripped by a person: probes do not switch it off.
    [InlineData("FPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP", true, false, 31, SentinelAction.None)]
    public void Decide_FromRoundHistory(string pattern, bool tripped, bool bySentinel, int nowMinute, SentinelAction expected) =>
        Assert.Equal(expected, SentinelPolicy.Decide(Rounds(pattern), tripped, bySentinel, T0.AddMinutes(nowMinute), Recovery));

    [Theory]
    [InlineData("PPP", 0)]
    [InlineData("FPP", 1)]
    [InlineData("PFP", 2)]
    [InlineData("PPF", null)]
    public void PassingSince_StartOfTheCurrentRunOfPasses(string pattern, int? minute) =>
        Assert.Equal(minute is { } m ? T0.AddMinutes(m) : null, SentinelPolicy.PassingSince(Rounds(pattern)));

    [Fact]
    public void SpanCoverage_ShareOfResultsWithFileAndPositiveLine()
    {
        Assert.Null(SentinelPolicy.SpanCoverage([]));
        Assert.Equal(0.5, SentinelPolicy.SpanCoverage([("a.cs", 3), ("b.cs", 0), (null, 4), ("c.cs", 1)]));
        Assert.Equal(1.0, SentinelPolicy.SpanCoverage([("a.cs", 1)]));
        Assert.Equal(0.0, SentinelPolicy.SpanCoverage([("", 2), ("a.cs", null)]));
    }
}
