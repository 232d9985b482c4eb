using System.Text.Json;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

/// <summary>
/// The mSPRT for two rates. The reference (Fixtures/msprt.json, make_stats_fixtures.py) integrates the normal mixture
/// numerically with SciPy's quad rather than using the closed form, and finds the confidence-sequence ends with brentq.
/// </summary>
public sealed class SequentialRateTestTests
{
    private sealed record Case(string Note, RateCounts Baseline, RateCounts Candidate, double Alpha, double Tau, JsonElement Json);

    private static readonly Dictionary<string, Case> Cases = JsonDocument
        .Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Statistics", "Fixtures", "msprt.json"))).RootElement
        .GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("note").GetString()!,
            Counts(c.GetProperty("baseline")),
            Counts(c.GetProperty("candidate")),
            c.GetProperty("alpha").GetDouble(),
            c.GetProperty("tau").GetDouble(),
            c)).ToDictionary(c => c.Note);

    private static RateCounts Counts(JsonElement arm) => new(arm.GetProperty("successes").GetInt64(), arm.GetProperty("trials").GetInt64());

    public static TheoryData<string> Notes() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Notes))]
    public void Look_ReferenceCase_MatchesTheNumericallyIntegratedMixture(string note)
    {
        var c = Cases[note];

        var result = SequentialRateTest.Look(c.Baseline, c.Candidate, alpha: c.Alpha, mixingStandardDeviation: c.Tau);
        var variance = SequentialRateTest.Variance(c.Baseline, c.Candidate);
        var ratio = Math.Exp(SequentialRateTest.LogLikelihoodRatio(result.Difference, variance, c.Tau));

        Assert.Equal(c.Json.GetProperty("variance").GetDouble(), variance, 1e-15);
        Assert.Equal(c.Json.GetProperty("difference").GetDouble(), result.Difference, 1e-15);
        var expectedRatio = c.Json.GetProperty("likelihoodRatio").GetDouble();
        Assert.True(Math.Abs(ratio - expectedRatio) <= 1e-9 * expectedRatio, $"Λ: quad {expectedRatio:R}, closed form {ratio:R}");
        Assert.Equal(c.Json.GetProperty("p").GetDouble(), result.P, 1e-9);
        Assert.Equal(c.Json.GetProperty("lower").GetDouble(), result.Interval.Lower, 1e-10);
        Assert.Equal(c.Json.GetProperty("upper").GetDouble(), result.Interval.Upper, 1e-10);
        Assert.Equal(1 - c.Alpha, result.Interval.Confidence);
    }

    [Theory]
    // A doubled error rate on 5,000 requests per arm is established; a point of click-through on 20,000 is not yet; a
    // drop of a few points with unequal arms is.
    [InlineData(50, 5000, 100, 5000, RateVerdict.CandidateHigher)]
    [InlineData(4000, 20000, 4200, 20000, RateVerdict.Inconclusive)]
    [InlineData(3000, 15000, 520, 3000, RateVerdict.CandidateLower)]
    [InlineData(50, 1000, 50, 1000, RateVerdict.Inconclusive)]
    [InlineData(0, 1000, 1000, 1000, RateVerdict.CandidateHigher)]
    public void Verdict_OneLook_SaysWhichSideOfZeroTheSequenceIsOn(long sb, long nb, long sc, long nc, RateVerdict expected) =>
        Assert.Equal(expected, SequentialRateTest.Look(new(sb, nb), new(sc, nc)).Verdict);

    [Fact]
    public void Look_AfterEarlierLooks_KeepsTheSmallestPAndTheIntersectionOfIntervals()
    {
        var first = SequentialRateTest.Look(new(40, 1000), new(75, 1000));
        var second = SequentialRateTest.Look(new(90, 2000), new(110, 2000), first);

        var alone = SequentialRateTest.Look(new(90, 2000), new(110, 2000));

        Assert.Equal(2, second.Looks);
        Assert.True(first.P < alone.P);
        Assert.Equal(first.P, second.P);
        Assert.Equal(Math.Max(first.Interval.Lower, alone.Interval.Lower), second.Interval.Lower);
        Assert.Equal(Math.Min(first.Interval.Upper, alone.Interval.Upper), second.Interval.Upper);
    }

    [Fact]
    public void Monitor_SeriesOfLooks_IsTheSameAsLookingOneAtATime()
    {
        var looks = Enumerable.Range(1, 10).Select(i => (new RateCounts(5L * i, 100L * i), new RateCounts(6L * i + i % 3, 100L * i))).ToList();

        var folded = looks.Aggregate((SequentialRateResult?)null, (previous, look) => SequentialRateTest.Look(look.Item1, look.Item2, previous));

        Assert.Equal(folded, SequentialRateTest.Monitor(looks));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Look_RandomCounts_RejectsExactlyWhenTheIntervalExcludesZero(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2000; i++)
        {
            var nb = random.Next(20, 5000);
            var nc = random.Next(20, 5000);
            var result = SequentialRateTest.Look(new(random.Next(0, nb / 5), nb), new(random.Next(0, nc / 5), nc), mixingStandardDeviation: 0.02);
            var excludesZero = result.Interval.Lower > 0 || result.Interval.Upper < 0;
            // Equality in floating point sits exactly on the boundary; away from it the two must agree.
            if (Math.Abs(result.P - result.Alpha) > 1e-9) Assert.Equal(result.P <= result.Alpha, excludesZero);
            Assert.InRange(result.Difference, result.Interval.Lower, result.Interval.Upper);
        }
    }

    [Fact]
    public void Look_EveryTrialTheSameOutcome_HasNoEvidence()
    {
        var result = SequentialRateTest.Look(new(0, 300), new(0, 300));

        Assert.Equal(1, result.P);
        Assert.Equal((-1.0, 1.0), (result.Interval.Lower, result.Interval.Upper));
        Assert.Equal(RateVerdict.Inconclusive, result.Verdict);
    }

    [Theory]
    [InlineData(-1, 10, 0, 10)]
    [InlineData(11, 10, 0, 10)]
    [InlineData(0, 0, 0, 10)]
    [InlineData(0, 10, 0, 0)]
    public void Look_ImpossibleCounts_Refuses(long sb, long nb, long sc, long nc) =>
        Assert.ThrowsAny<ArgumentException>(() => SequentialRateTest.Look(new(sb, nb), new(sc, nc)));

    [Fact]
    public void Look_FewerTrialsThanTheLookBefore_Refuses()
    {
        var first = SequentialRateTest.Look(new(5, 100), new(5, 100));

        Assert.Throws<ArgumentException>(() => SequentialRateTest.Look(new(5, 90), new(5, 100), first));
        Assert.Throws<ArgumentException>(() => SequentialRateTest.Look(new(5, 200), new(5, 200), first, alpha: 0.01));
    }
}
