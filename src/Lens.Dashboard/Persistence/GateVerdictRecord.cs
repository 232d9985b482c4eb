using Lens.Core.Gates;

namespace Lens.Dashboard.Persistence;

/// <summary>One gate verdict from one evaluation, kept as history for the rollout's timeline and audits.</summary>
public sealed class GateVerdictRecord
{
    private GateVerdictRecord() { }

    public long Id { get; private set; }
    public Guid RolloutId { get; private set; }
    public int StageIndex { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Gate { get; private set; } = "";
    public Verdict Verdict { get; private set; }
    public double? Value { get; private set; }
    public double Threshold { get; private set; }
    public long Samples { get; private set; }
    /// <summary>For a gate judged as target ± tolerance (results per query), the tolerance; Threshold is then the target.</summary>
    public double? Tolerance { get; private set; }
    /// <summary>For a gate that compares candidate with baseline, the 95% interval its value lies in.</summary>
    public double? Lower { get; private set; }
    public double? Upper { get; private set; }

    public static GateVerdictRecord From(Guid rolloutId, int stageIndex, DateTimeOffset at, GateVerdict v) => new()
    {
        RolloutId = rolloutId,
        StageIndex = stageIndex,
        At = at,
        Gate = v.Gate,
        Verdict = v.Verdict,
        Value = v.Value,
        Threshold = v.Threshold,
        Samples = v.Samples,
        Tolerance = v.Tolerance,
        Lower = v.Lower,
        Upper = v.Upper,
    };
}
