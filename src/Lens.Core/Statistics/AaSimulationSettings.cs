namespace Lens.Core.Statistics;

/// <summary>
/// An A/A simulation: <see cref="Runs"/> experiments whose two arms share one true <see cref="Rate"/>, each looked at
/// <see cref="Looks"/> times, after every batch of <see cref="BatchPerArm"/> trials per arm, at significance
/// <see cref="Alpha"/>. The same <see cref="Seed"/> gives the same draws.
/// </summary>
public sealed record AaSimulationSettings(
    int Runs,
    int Looks,
    int BatchPerArm = 200,
    double Rate = 0.05,
    double Alpha = 0.05,
    int Seed = 1,
    double MixingStandardDeviation = SequentialRateTest.DefaultMixingStandardDeviation)
{
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Runs is < 1 or > 1_000_000) problems.Add("runs must be between 1 and 1,000,000");
        if (Looks is < 1 or > 10_000) problems.Add("looks must be between 1 and 10,000");
        if (BatchPerArm is < 1 or > 10_000_000) problems.Add("the batch must be between 1 and 10,000,000 trials per arm");
        if (Rate is not (> 0 and < 1)) problems.Add("the rate must be strictly between 0 and 1");
        if (Alpha is not (> 0 and < 1)) problems.Add("alpha must be strictly between 0 and 1");
        if (!(MixingStandardDeviation > 0) || !double.IsFinite(MixingStandardDeviation)) problems.Add("tau must be a positive number");
        return problems;
    }
}
