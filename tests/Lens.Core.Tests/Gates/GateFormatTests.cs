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
    [InlineData(GateNames.ResultsPerQuery, 7.2, "7.20")]
    [InlineData(GateNames.ResultsPerQuery, 4.256, "4.26")]
    public void Value_EachUnit_ReadsOneWay(string gate, double value, string expected) =>
        Assert.Equal(expected, GateFormat.Value(gate, value));

    [Fact]
    public void Describe_FailingErrorRate_UsesThePercentFormatForValueAndLimit()
    {
        var verdict = new GateVerdict(GateNames.ErrorRate, Verdict.Fail, 0.0690608, 0.05, 1234);

        Assert.Equal("Error rate 6.91% against a limit of 5% on 1,234 samples: Fail", verdict.Describe());
    }

    [Theory]
    [InlineData(Verdict.Fail, 7.2, 5.0, 1.0, 1200, "Results per query 7.20 against 5 ± 1 on 1,200 samples: Fail")]
    [InlineData(Verdict.Pass, 4.5, 4.25, 0.5, 300, "Results per query 4.50 against 4.25 ± 0.5 on 300 samples: Pass")]
    [InlineData(Verdict.InsufficientData, null, 5.0, 1.0, 40, "Results per query: insufficient data (40 samples)")]
    public void Describe_ResultsPerQuery_ReadsAsTargetPlusOrMinusDrift(Verdict outcome, double? mean, double target, double drift, long samples, string expected)
    {
        var verdict = new GateVerdict(GateNames.ResultsPerQuery, outcome, mean, target, samples, drift);

        Assert.Equal(expected, verdict.Describe());
    }

    [Theory]
    [InlineData(GateNames.P99Latency, 200.0, null, "200 ms", "limit")]
    [InlineData(GateNames.ErrorRate, 0.05, null, "5%", "limit")]
    [InlineData(GateNames.ResultsPerQuery, 5.0, 1.0, "5 ± 1", "target")]
    [InlineData(GateNames.ResultsPerQuery, 2.6, 0.0, "2.6 ± 0", "target")]
    public void Limit_OfAVerdict_IsAMaximumOrATargetWithItsDrift(string gate, double threshold, double? tolerance, string expected, string word)
    {
        var verdict = new GateVerdict(gate, Verdict.Pass, threshold, threshold, 100, tolerance);

        Assert.Equal((expected, word), (GateFormat.Limit(verdict), GateFormat.LimitWord(verdict)));
    }
}
