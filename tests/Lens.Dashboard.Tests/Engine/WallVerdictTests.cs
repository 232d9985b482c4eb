using Lens.Core.Gates;
using Lens.Core.Rollouts;
using Lens.Dashboard.Features.Wall;

namespace Lens.Dashboard.Tests.Engine;

public sealed class WallVerdictTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static Rollout Passing()
    {
        var rollout = Rollout.Create("f", "2.0.0", [new(10m, TimeSpan.FromHours(1), new StageGates(MaxErrorRate: 0.01)), new(100m, TimeSpan.FromHours(1), new StageGates())], null, T0);
        rollout.Start("lead", "go", T0);
        rollout.RecordEvaluation([new GateVerdict(GateNames.ErrorRate, Verdict.Pass, 0, 0.01, 500)], T0.AddMinutes(1));
        return rollout;
    }

    [Fact]
    public void Of_KillSwitchHoldingTraffic_NeverReadsAllGatesPass()
    {
        var verdict = WallVerdict.Of(Passing(), killSwitchActive: true);

        Assert.Equal(("Held", "HELD AT 0% BY KILL SWITCH"), (verdict.Tone, verdict.Text));
    }

    [Fact]
    public void Of_PassingAndNoKillSwitch_ReadsAllGatesPass() =>
        Assert.Equal("ALL GATES PASS", WallVerdict.Of(Passing(), killSwitchActive: false).Text);

    [Fact]
    public void Of_Paused_SaysAPersonHoldsIt()
    {
        var rollout = Passing();
        rollout.Pause("lead", "look", T0.AddMinutes(2));

        Assert.Equal("PAUSED: A PERSON DECIDES", WallVerdict.Of(rollout, killSwitchActive: false).Text);
    }
}
