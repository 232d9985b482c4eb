using Lens.Core.Gates;
using Lens.Core.Rollouts;

namespace Lens.Dashboard.Features.Wall;

/// <summary>
/// A live rollout's one-line verdict on the wall. A kill switch outranks the gates: with traffic held at 0% the
/// candidate serves nobody, and "all gates pass" in green would say the opposite of what is happening.
/// </summary>
public sealed record WallVerdict(string Tone, string Text)
{
    public static WallVerdict Of(Rollout rollout, bool killSwitchActive)
    {
        if (killSwitchActive) return new("Held", "HELD AT 0% BY KILL SWITCH");
        if (rollout.State == RolloutState.Paused) return new("Held", "PAUSED: A PERSON DECIDES");
        return GateEvaluator.Worst(rollout.LatestVerdicts) switch
        {
            Verdict.Pass => new("Pass", "ALL GATES PASS"),
            Verdict.Fail => new("Fail", "GATE FAILING"),
            Verdict.InsufficientData => new("InsufficientData", "GATHERING DATA"),
            Verdict.Inconclusive => new("InsufficientData", "INCONCLUSIVE: HOLDING"),
            _ => new("None", "NO VERDICT YET"),
        };
    }
}
