using System.Text.Json;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

/// <summary>
/// The Mann-Whitney test against SciPy 1.10's <c>mannwhitneyu(candidate, baseline, method="asymptotic")</c> and the
/// effect sizes against brute force over every pairwise difference, on Fixtures/mannwhitney.json (made by
/// make_stats_fixtures.py): U exactly, p to 1e-9 (absolute, and relative while p is a normal double), the
/// common-language effect size to 1e-12, and the Hodges–Lehmann shift and Moses interval exactly.
/// </summary>
public sealed class MannWhitneyTestTests
{
    private sealed record Case(string Note, double[] Baseline, double[] Candidate, double Confidence, JsonElement Json);

    private static readonly Dictionary<string, Case> Cases = Load();

    private static Dictionary<string, Case> Load()
    {
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Statistics", "Fixtures", "mannwhitney.json"))).RootElement;
        return root.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("note").GetString()!,
            c.GetProperty("baseline").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            c.GetProperty("candidate").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            c.GetProperty("confidence").GetDouble(),
            c)).ToDictionary(c => c.Note);
    }

    public static TheoryData<string, string> CasesAndAlternatives()
    {
        var data = new TheoryData<string, string>();
        foreach (var note in Cases.Keys)
            foreach (var alternative in new[] { "two-sided", "greater", "less" }) data.Add(note, alternative);
        return data;
    }

    public static TheoryData<string> Notes() => new(Cases.Keys);

    private static MannWhitneyAlternative Parse(string alternative) => alternative switch
    {
        "greater" => MannWhitneyAlternative.Greater,
        "less" => MannWhitneyAlternative.Less,
        _ => MannWhitneyAlternative.TwoSided,
    };

    [Theory]
    [MemberData(nameof(CasesAndAlternatives))]
    public void Compare_SciPyCase_GivesTheSameUAndP(string note, string alternative)
    {
        var c = Cases[note];
        var expected = c.Json.GetProperty(alternative);

        var result = MannWhitneyTest.Compare(c.Baseline, c.Candidate, Parse(alternative), c.Confidence);

        Assert.Equal(expected.GetProperty("u").GetDouble(), result.U);
        var p = expected.GetProperty("p").GetDouble();
        Assert.True(Math.Abs(result.P - p) <= 1e-9, $"p: SciPy {p:R}, ours {result.P:R}");
        if (p > 1e-300) Assert.True(Math.Abs(result.P - p) <= 1e-9 * p, $"p: SciPy {p:R}, ours {result.P:R} (relative {Math.Abs(result.P - p) / p:E2})");
        Assert.Equal((c.Baseline.Length, c.Candidate.Length), ((int)result.NBaseline, (int)result.NCandidate));
    }

    [Theory]
    [MemberData(nameof(Notes))]
    public void Compare_SciPyCase_EffectSizesMatchBruteForceOverAllPairs(string note)
    {
        var c = Cases[note];

        var result = MannWhitneyTest.Compare(c.Baseline, c.Candidate, confidence: c.Confidence);

        Assert.Equal(c.Json.GetProperty("commonLanguageEffectSize").GetDouble(), result.CommonLanguageEffectSize, 12);
        Assert.Equal(c.Json.GetProperty("hodgesLehmannShift").GetDouble(), result.HodgesLehmannShift);
        Assert.Equal(c.Json.GetProperty("hodgesLehmannLower").GetDouble(), result.HodgesLehmannInterval.Lower);
        Assert.Equal(c.Json.GetProperty("hodgesLehmannUpper").GetDouble(), result.HodgesLehmannInterval.Upper);
        Assert.Equal(c.Confidence, result.HodgesLehmannInterval.Confidence);
    }

    [Theory]
    [MemberData(nameof(Notes))]
    public void MosesRank_SciPyCase_PicksTheReferenceOrderStatistic(string note)
    {
        var c = Cases[note];
        var baseline = TiedSample.FromValues(c.Baseline);
        var candidate = TiedSample.FromValues(c.Candidate);

        var sigma = MannWhitneyTest.StandardDeviationOfU(baseline.Total, candidate.Total, MannWhitneyTest.TieTerm(baseline, candidate));

        Assert.Equal(c.Json.GetProperty("sigmaU").GetDouble(), sigma, 1e-12 * Math.Max(1, sigma));
        Assert.Equal(c.Json.GetProperty("mosesRank").GetInt64(), HodgesLehmann.MosesRank(baseline.Total, candidate.Total, sigma, c.Confidence));
    }

    [Fact]
    public void Fixtures_CoverTiesUnequalSizesSmallSamplesAndIdenticalSamples()
    {
        Assert.True(Cases.Count >= 30);
        Assert.Contains(Cases.Values, c => c.Baseline.Length < 20 && c.Candidate.Length < 20);
        Assert.Contains(Cases.Values, c => c.Candidate.Length == 5 && c.Baseline.Length == 3000);
        Assert.Contains(Cases.Values, c => c.Baseline.Length == 5 && c.Candidate.Length == 3000);
        Assert.Contains(Cases.Values, c => c.Baseline.SequenceEqual(c.Candidate));
        Assert.Contains(Cases.Values, c => c.Baseline.Concat(c.Candidate).Distinct().Count() == 1);
        // Many ties: a case where the pooled sample has at most five distinct values across hundreds of observations.
        Assert.Contains(Cases.Values, c => c.Baseline.Length + c.Candidate.Length >= 300 && c.Baseline.Concat(c.Candidate).Distinct().Count() <= 5);
        Assert.Contains(Cases.Values, c => c.Json.GetProperty("two-sided").GetProperty("p").GetDouble() < 1e-15);
    }

    [Theory]
    // baseline {1, 2, 3}, candidate {2, 4}: 2 beats 1 and ties 2 (1.5), 4 beats all three (3): U = 4.5 of 6 pairs.
    [InlineData(new[] { 1.0, 2, 3 }, new[] { 2.0, 4 }, 4.5)]
    [InlineData(new[] { 5.0, 5, 5 }, new[] { 5.0, 5 }, 3.0)]
    [InlineData(new[] { 1.0, 2 }, new[] { 3.0, 4, 5 }, 6.0)]
    [InlineData(new[] { 3.0, 4, 5 }, new[] { 1.0, 2 }, 0.0)]
    [InlineData(new[] { -1.0, 0, 0, 1 }, new[] { 0.0 }, 2.0)]
    public void CandidateU_SmallSamples_CountsPairsTheCandidateWinsWithTiesAsHalf(double[] baseline, double[] candidate, double u) =>
        Assert.Equal(u, MannWhitneyTest.CandidateU(TiedSample.FromValues(baseline), TiedSample.FromValues(candidate)));

    [Fact]
    public void Compare_SwappedArms_MirrorsTheStatisticShiftAndOneSidedP()
    {
        var c = Cases["small continuous 9 vs 7"];

        var forward = MannWhitneyTest.Compare(c.Baseline, c.Candidate, MannWhitneyAlternative.Greater);
        var backward = MannWhitneyTest.Compare(c.Candidate, c.Baseline, MannWhitneyAlternative.Less);

        Assert.Equal(forward.NBaseline * forward.NCandidate - forward.U, backward.U);
        Assert.Equal(forward.P, backward.P, 15);
        Assert.Equal(-forward.HodgesLehmannShift, backward.HodgesLehmannShift, 12);
        Assert.Equal(1 - forward.CommonLanguageEffectSize, backward.CommonLanguageEffectSize, 12);
    }

    [Theory]
    [InlineData(new double[0], new[] { 1.0 }, 0.95)]
    [InlineData(new[] { 1.0 }, new double[0], 0.95)]
    [InlineData(new[] { 1.0, double.NaN }, new[] { 1.0 }, 0.95)]
    [InlineData(new[] { 1.0 }, new[] { double.PositiveInfinity }, 0.95)]
    [InlineData(new[] { 1.0 }, new[] { 2.0 }, 1.0)]
    [InlineData(new[] { 1.0 }, new[] { 2.0 }, 0.0)]
    public void Compare_BadInput_Refuses(double[] baseline, double[] candidate, double confidence) =>
        Assert.ThrowsAny<ArgumentException>(() => MannWhitneyTest.Compare(baseline, candidate, confidence: confidence));
}
