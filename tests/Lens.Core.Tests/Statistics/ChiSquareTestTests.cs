using System.Text.Json;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

/// <summary>Checked against SciPy 1.10's chisquare (Fixtures/make_chisquare.py wrote chisquare.json).</summary>
public sealed class ChiSquareTestTests
{
    private sealed record Case(string Note, long[] Observed, double[] Shares, double Chi2, double P);

    private static readonly Dictionary<string, Case> Cases = Load();

    private static Dictionary<string, Case> Load()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Statistics", "Fixtures", "chisquare.json"));
        var root = JsonDocument.Parse(file).RootElement;
        return root.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("note").GetString()!,
            c.GetProperty("observed").EnumerateArray().Select(o => o.GetInt64()).ToArray(),
            c.GetProperty("shares").EnumerateArray().Select(s => s.GetDouble()).ToArray(),
            c.GetProperty("chi2").GetDouble(),
            c.GetProperty("p").GetDouble())).ToDictionary(c => c.Note);
    }

    public static TheoryData<string> Notes() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Notes))]
    public void GoodnessOfFit_SciPyReferenceCase_AgreesToNineDigits(string note)
    {
        var expected = Cases[note];

        var result = ChiSquareTest.GoodnessOfFit(expected.Observed, expected.Shares);

        AssertClose(expected.Chi2, result.Statistic, "chi2");
        AssertClose(expected.P, result.P, "p");
        Assert.Equal(expected.Observed.Length - 1, result.DegreesOfFreedom);
    }

    [Fact]
    public void GoodnessOfFit_ReferenceSet_CoversTinyAndHugeAndSkewedSamples()
    {
        Assert.True(Cases.Count >= 50);
        Assert.Contains(Cases.Values, c => c.Observed.Sum() <= 5);
        Assert.Contains(Cases.Values, c => c.Observed.Sum() >= 1_000_000);
        Assert.Contains(Cases.Values, c => c.P < 1e-100);
        Assert.Contains(Cases.Values, c => c.Observed.Length >= 5);
    }

    [Theory]
    [InlineData(new long[] { 1, 2 }, new[] { 0.5 })]
    [InlineData(new long[] { 1 }, new[] { 1.0 })]
    [InlineData(new long[] { -1, 2 }, new[] { 0.5, 0.5 })]
    [InlineData(new long[] { 1, 2 }, new[] { 0.0, 1.0 })]
    [InlineData(new long[] { 1, 2 }, new[] { 0.4, 0.4 })]
    public void GoodnessOfFit_BadInput_Refuses(long[] observed, double[] shares) =>
        Assert.ThrowsAny<ArgumentException>(() => ChiSquareTest.GoodnessOfFit(observed, shares));

    // Relative to the reference, with an absolute floor for values at or near zero.
    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), 1e-300) || Math.Abs(expected - actual) < 1e-300,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
}
