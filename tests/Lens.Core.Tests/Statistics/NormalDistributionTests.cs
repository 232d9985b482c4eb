using System.Text.Json;
using Lens.Core.Statistics;

namespace Lens.Core.Tests.Statistics;

/// <summary>
/// The normal survival function, its inverse and erfc against SciPy 1.10 (norm.sf, norm.isf, special.erfc) at the
/// points in Fixtures/normal.json, made by make_stats_fixtures.py: a relative 1e-12 wherever SciPy's value is a normal
/// double, and within 1e-300 where it is subnormal or zero.
/// </summary>
public sealed class NormalDistributionTests
{
    private const double RelativeTolerance = 1e-12;
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Statistics", "Fixtures", "normal.json"))).RootElement;

    private static IEnumerable<(double X, double Y)> Points(string table, string x, string y) =>
        Reference.GetProperty(table).EnumerateArray().Select(p => (p.GetProperty(x).GetDouble(), p.GetProperty(y).GetDouble()));

    private static void AssertClose(double expected, double actual, string what)
    {
        if (Math.Abs(expected) < 1e-300) Assert.True(Math.Abs(actual) < 1e-300, $"{what}: SciPy {expected:R}, ours {actual:R}");
        else Assert.True(Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected),
            $"{what}: SciPy {expected:R}, ours {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
    }

    [Theory]
    [InlineData(-12, 0)]
    [InlineData(0, 1.5)]
    [InlineData(1.5, 5)]
    [InlineData(5, 20)]
    [InlineData(20, 38.6)]
    public void SurvivalFunction_SciPyPointsInBand_AgreeToTwelveDigits(double from, double to)
    {
        var points = Points("sf", "z", "sf").Where(p => p.X >= from && p.X < to).ToList();
        Assert.True(points.Count >= 30, $"only {points.Count} reference points in [{from}, {to})");
        foreach (var (z, sf) in points) AssertClose(sf, NormalDistribution.SurvivalFunction(z), $"sf({z:R})");
    }

    [Theory]
    [InlineData(-6, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 4)]
    [InlineData(4, 15)]
    [InlineData(15, 27.4)]
    public void Erfc_SciPyPointsInBand_AgreeToTwelveDigits(double from, double to)
    {
        var points = Points("erfc", "x", "erfc").Where(p => p.X >= from && p.X < to).ToList();
        Assert.True(points.Count >= 30, $"only {points.Count} reference points in [{from}, {to})");
        foreach (var (x, erfc) in points) AssertClose(erfc, ErrorFunction.Erfc(x), $"erfc({x:R})");
    }

    [Fact]
    public void UpperQuantile_SciPyTails_AgreeToTwelveDigits()
    {
        var points = Points("isf", "tail", "z").ToList();
        Assert.True(points.Count >= 100);
        foreach (var (tail, z) in points)
        {
            var ours = NormalDistribution.UpperQuantile(tail);
            Assert.True(Math.Abs(ours - z) <= RelativeTolerance * Math.Max(1, Math.Abs(z)), $"isf({tail:R}): SciPy {z:R}, ours {ours:R}");
        }
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(-1.959963984540054, 0.975)]
    [InlineData(double.PositiveInfinity, 0.0)]
    [InlineData(double.NegativeInfinity, 1.0)]
    public void SurvivalFunction_LandmarkPoints_AreTheKnownProbabilities(double z, double expected) =>
        Assert.Equal(expected, NormalDistribution.SurvivalFunction(z), 15);

    [Theory]
    // SciPy 1.10's special.erf at these points.
    [InlineData(-3.0, -0.9999779095030014)]
    [InlineData(-0.5, -0.5204998778130465)]
    [InlineData(0.3, 0.3286267594591274)]
    [InlineData(0.9999, 0.8426592780487594)]
    [InlineData(1.0, 0.8427007929497148)]
    [InlineData(2.5, 0.999593047982555)]
    public void Erf_EitherSideOfTheSeriesLimit_MatchesSciPy(double x, double expected) =>
        Assert.Equal(expected, ErrorFunction.Erf(x), 1e-15);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void UpperQuantile_NotAProbabilityStrictlyInside_Refuses(double tail) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.UpperQuantile(tail));

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.090232306167813)]
    public void Quantile_Probability_InvertsTheCdf(double p, double z)
    {
        Assert.Equal(z, NormalDistribution.Quantile(p), 12);
        Assert.Equal(p, NormalDistribution.Cdf(NormalDistribution.Quantile(p)), 14);
    }
}
