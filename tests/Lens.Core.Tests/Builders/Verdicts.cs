using Lens.Core.Gates;

namespace Lens.Core.Tests.Builders;

public static class Verdicts
{
    public static GateVerdict[] AllPass() =>
    [
        new(GateNames.ErrorRate, Verdict.Pass, 0.001, 0.01, 500),
        new(GateNames.P99Latency, Verdict.Pass, 120, 200, 500),
    ];

    public static GateVerdict[] P99Fails(double value = 350) =>
    [
        new(GateNames.ErrorRate, Verdict.Pass, 0.001, 0.01, 500),
        new(GateNames.P99Latency, Verdict.Fail, value, 200, 500),
    ];

    public static GateVerdict[] Insufficient() =>
    [
        new(GateNames.ErrorRate, Verdict.InsufficientData, 0, 0.01, 12),
        new(GateNames.P99Latency, Verdict.InsufficientData, 90, 200, 12),
    ];
}
