using Lens.Core.Gates;
using Lens.Core.Metrics;

namespace Lens.Core.Tests.Gates;

public class GateEvaluatorTests
{
    private static readonly StageGates Gates = new(MaxErrorRate: 0.01, MaxP99Ms: 200, MaxP99ToP95: 2.0, MinSamples: 100);

    private static WindowMetrics Candidate(long requests, long errors, double? p95, double? p99) =>
        new(new VariantMetrics(10_000, 0, 10, 20, 30), new VariantMetrics(requests, errors, p95 / 2, p95, p99));

    // requests, errors, p95, p99 -> verdicts for error_rate, p99_latency, p99_p95_ratio
    [Theory]
    [InlineData(1000, 5, 100.0, 150.0, Verdict.Pass, Verdict.Pass, Verdict.Pass)]
    [InlineData(1000, 10, 100.0, 200.0, Verdict.Pass, Verdict.Pass, Verdict.Pass)]        // equal to threshold passes
    [InlineData(1000, 11, 100.0, 150.0, Verdict.Fail, Verdict.Pass, Verdict.Pass)]
    [InlineData(1000, 0, 100.0, 201.0, Verdict.Pass, Verdict.Fail, Verdict.Fail)]         // 2.01 > 2.0
    [InlineData(1000, 0, 50.0, 150.0, Verdict.Pass, Verdict.Pass, Verdict.Fail)]          // ratio 3
    [InlineData(99, 50, 100.0, 900.0, Verdict.InsufficientData, Verdict.InsufficientData, Verdict.InsufficientData)] // below MinSamples, even if awful
    [InlineData(0, 0, null, null, Verdict.InsufficientData, Verdict.InsufficientData, Verdict.InsufficientData)]
    [InlineData(100, 1, 100.0, 150.0, Verdict.Pass, Verdict.Pass, Verdict.Pass)]          // exactly MinSamples is enough
    public void Evaluate_CandidateWindow_GivesTheExpectedVerdictPerGate(long requests, long errors, double? p95, double? p99,
        Verdict errorRate, Verdict latency, Verdict ratio)
    {
        var verdicts = GateEvaluator.Evaluate(Gates, Candidate(requests, errors, p95, p99));
        Assert.Equal([GateNames.ErrorRate, GateNames.P99Latency, GateNames.P99ToP95], verdicts.Select(v => v.Gate));
        Assert.Equal([errorRate, latency, ratio], verdicts.Select(v => v.Verdict));
        Assert.All(verdicts, v => Assert.Equal(requests, v.Samples));
    }

    [Fact]
    public void Evaluate_ReportsValueAndThreshold()
    {
        var verdicts = GateEvaluator.Evaluate(Gates, Candidate(1000, 20, 100, 300));
        Assert.Equal(0.02, verdicts[0].Value);
        Assert.Equal(0.01, verdicts[0].Threshold);
        Assert.Equal(300, verdicts[1].Value);
        Assert.Equal(3.0, verdicts[2].Value);
        Assert.Equal(2.0, verdicts[2].Threshold);
    }

    [Fact]
    public void Evaluate_UnconfiguredGates_AreOmitted()
    {
        var verdicts = GateEvaluator.Evaluate(new StageGates(MaxP99Ms: 200, MinSamples: 1), Candidate(10, 0, 10, 20));
        Assert.Equal(GateNames.P99Latency, Assert.Single(verdicts).Gate);
    }

    [Fact]
    public void Evaluate_OnlyCandidateNeedsSamples_SoAFullTrafficStageCanPass()
    {
        var window = new WindowMetrics(VariantMetrics.Empty, new VariantMetrics(500, 0, 10, 20, 30));
        Assert.All(GateEvaluator.Evaluate(Gates, window), v => Assert.Equal(Verdict.Pass, v.Verdict));
    }

    private static readonly StageGates ResultsGate = new(MinSamples: 100, TargetResultsPerQuery: 5, MaxResultsPerQueryDrift: 1);

    // The candidate served 1,000 requests; resultSamples of them reported a result count, adding up to totalResults.
    private static WindowMetrics Results(long resultSamples, long totalResults) =>
        new(new VariantMetrics(10_000, 0, 10, 20, 30, 10_000, 50_000), new VariantMetrics(1000, 0, 10, 20, 30, resultSamples, totalResults));

    // resultSamples, totalResults -> verdict of results_per_query (target 5, drift 1, 100 samples needed)
    [Theory]
    [InlineData(1000, 5000, Verdict.Pass)]              // on target
    [InlineData(1000, 5600, Verdict.Pass)]              // 5.6: inside the band
    [InlineData(1000, 4300, Verdict.Pass)]              // 4.3: inside, below the target
    [InlineData(1000, 6000, Verdict.Pass)]              // 6.0: exactly target + drift passes
    [InlineData(1000, 4000, Verdict.Pass)]              // 4.0: exactly target - drift passes
    [InlineData(1000, 6001, Verdict.Fail)]              // 6.001: just above the band
    [InlineData(1000, 3999, Verdict.Fail)]              // 3.999: just below the band
    [InlineData(1200, 8640, Verdict.Fail)]              // 7.2: far above
    [InlineData(1000, 0, Verdict.Fail)]                 // every query returned nothing
    [InlineData(99, 990, Verdict.InsufficientData)]     // 10 per query, but one sample short of MinSamples
    [InlineData(100, 500, Verdict.Pass)]                // exactly MinSamples is enough
    [InlineData(0, 0, Verdict.InsufficientData)]        // 1,000 requests, none carried a resultCount
    public void Evaluate_ResultsPerQuery_PassesWithinTargetPlusOrMinusDrift(long resultSamples, long totalResults, Verdict expected)
    {
        var verdict = Assert.Single(GateEvaluator.Evaluate(ResultsGate, Results(resultSamples, totalResults)));

        Assert.Equal(GateNames.ResultsPerQuery, verdict.Gate);
        Assert.Equal(expected, verdict.Verdict);
        Assert.Equal(resultSamples, verdict.Samples);
    }

    [Theory]
    [InlineData(5.1, 0.1, 52, Verdict.Pass)]    // 5.2 - 5.1 is 0.10000000000000053 in binary: still exactly on the edge
    [InlineData(5.1, 0.1, 50, Verdict.Pass)]    // 5.0, the lower edge
    [InlineData(0.3, 0.1, 4, Verdict.Pass)]     // 0.4 - 0.3 rounds above 0.1 too
    [InlineData(5.1, 0.1, 53, Verdict.Fail)]
    [InlineData(5, 0, 50, Verdict.Pass)]        // no drift allowed: only the target itself passes
    [InlineData(5, 0, 51, Verdict.Fail)]
    public void Evaluate_ResultsPerQueryOnTheEdge_PassesDespiteBinaryRounding(double target, double drift, long totalResultsPerTenQueries, Verdict expected)
    {
        var gates = new StageGates(MinSamples: 10, TargetResultsPerQuery: target, MaxResultsPerQueryDrift: drift);
        var window = new WindowMetrics(VariantMetrics.Empty, new VariantMetrics(10, 0, 10, 20, 30, 10, totalResultsPerTenQueries));

        Assert.Equal(expected, Assert.Single(GateEvaluator.Evaluate(gates, window)).Verdict);
    }

    [Fact]
    public void Evaluate_ResultsPerQuery_ReportsTheMeanAgainstTheTargetWithTheDriftAsTolerance()
    {
        var verdict = Assert.Single(GateEvaluator.Evaluate(ResultsGate, Results(1200, 8640)));

        Assert.Equal(7.2, verdict.Value!.Value, 12);
        Assert.Equal(5, verdict.Threshold);
        Assert.Equal(1, verdict.Tolerance);
        Assert.Equal(1200, verdict.Samples);
    }

    [Fact]
    public void Evaluate_ResultsPerQueryWithoutAnyCount_HasNoValue()
    {
        var verdict = Assert.Single(GateEvaluator.Evaluate(ResultsGate, Results(0, 0)));

        Assert.Null(verdict.Value);
        Assert.Equal(0, verdict.Samples);
    }

    public static TheoryData<StageGates> GatesWithoutResultsPerQuery() => new()
    {
        new StageGates(MaxErrorRate: 0.01, MinSamples: 1),
        new StageGates(MaxErrorRate: 0.01, MinSamples: 1, TargetResultsPerQuery: 5),
        new StageGates(MaxErrorRate: 0.01, MinSamples: 1, MaxResultsPerQueryDrift: 1),
    };

    [Theory]
    [MemberData(nameof(GatesWithoutResultsPerQuery))]
    public void Evaluate_ResultsPerQueryNotFullySet_IsNotEvaluated(StageGates gates)
    {
        // 20 results per query: far from any target, so an evaluated gate would fail.
        var verdicts = GateEvaluator.Evaluate(gates, Results(1000, 20_000));

        Assert.Equal([GateNames.ErrorRate], verdicts.Select(v => v.Gate));
    }

    [Fact]
    public void Evaluate_AllFourGates_JudgesResultsPerQueryLastOnItsOwnSamples()
    {
        var gates = Gates with { TargetResultsPerQuery = 5, MaxResultsPerQueryDrift = 1 };
        var window = new WindowMetrics(VariantMetrics.Empty, new VariantMetrics(1000, 0, 50, 100, 150, 40, 200));

        var verdicts = GateEvaluator.Evaluate(gates, window);

        Assert.Equal([GateNames.ErrorRate, GateNames.P99Latency, GateNames.P99ToP95, GateNames.ResultsPerQuery], verdicts.Select(v => v.Gate));
        // 1,000 requests are enough for the latency gates; 40 result counts are not enough for results per query.
        Assert.Equal([Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.InsufficientData], verdicts.Select(v => v.Verdict));
    }

    [Theory]
    [InlineData(new[] { Verdict.Pass, Verdict.Pass }, Verdict.Pass)]
    [InlineData(new[] { Verdict.Pass, Verdict.InsufficientData }, Verdict.InsufficientData)]
    [InlineData(new[] { Verdict.InsufficientData, Verdict.Fail, Verdict.Pass }, Verdict.Fail)]
    public void Worst_OfVerdicts_PrefersFailThenInsufficient(Verdict[] verdicts, Verdict expected) =>
        Assert.Equal(expected, GateEvaluator.Worst(verdicts.Select(v => new GateVerdict("g", v, 1, 1, 1))));

    [Fact]
    public void Worst_OfNothing_IsNull() => Assert.Null(GateEvaluator.Worst([]));
}
