using Lens.Core.Gates;

namespace Lens.Core.Tests.Gates;

public sealed class GateFormatTests
{
    [Theory]
    [InlineData(GateNames.ErrorRate, 0.0690608, "6.91%")]
    [InlineData(GateNames.ErrorRate, 0.05, "5%")]
    [InlineData(GateNames.ErrorRate, 0.0, "0%")]
    [InlineData(GateNames.P99Latency, 350.4, "350 ms")]
    [InlineData(GateNames.P99Latency, 4.256, "4.26 ms")]
    [InlineData(GateNames.P99ToP95, 2.0, "2.00×")]
    [InlineData(GateNames.P99ToP95, 1.8571, "1.86×")]
    public void Value_EachUnit_ReadsOneWay(string gate, double value, string expected) =>
        Assert.Equal(expected, GateFormat.Value(gate, value));

    [Fact]
    public void Describe_FailingErrorRate_UsesThePercentFormatForValueAndLimit()
    {
        var verdict = new GateVerdict(GateNames.ErrorRate, Verdict.Fail, 0.0690608, 0.05, 1234);

        Assert.Equal("Error rate 6.91% against a limit of 5% on 1,234 samples: Fail", verdict.Describe());
    }
}
