using System.Text.Json;
using Lens.Core.Calibration;

namespace Lens.Core.Tests.Calibration;

/// <summary>
/// The calibration figures against scikit-learn 1.2 (Debian's python3-sklearn) on committed fixtures: the curve, the
/// isotonic thresholds, Brier, ECE and τ, to 1e-9. Fixtures and the script that made them: Calibration/Fixtures.
/// </summary>
public class CalibrationReferenceTests
{
    private const double Tolerance = 1e-9;
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Calibration", "Fixtures");

    public static TheoryData<string> Cases => new() { "overconfident-uniform", "overconfident-quantile", "overconfident-bins7", "edges", "ties-quantile", "tiny" };

    private static (CalibrationFit Fit, JsonElement Expected) Load(string name)
    {
        using var reader = new StreamReader(Path.Combine(Folder, name + ".csv"));
        var table = ImpressionTable.ReadCsv(reader, name + ".csv");
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"))).RootElement;
        var strategy = expected.GetProperty("strategy").GetString() == "quantile" ? BinStrategy.Quantile : BinStrategy.Uniform;
        var fit = CalibrationFit.Compute(table.Queries, table.Scores, table.Clicked, expected.GetProperty("bins").GetInt32(), strategy,
            expected.GetProperty("tau").GetProperty("target").GetDouble());
        return (fit, expected);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void Close(double[] expected, IEnumerable<double> actual, string what)
    {
        var ours = actual.ToArray();
        Assert.True(expected.Length == ours.Length, $"{what}: scikit-learn has {expected.Length} values, ours {ours.Length}");
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - ours[i]) <= Tolerance, $"{what}[{i}]: scikit-learn {expected[i]:R}, ours {ours[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Curve_Fixture_MatchesCalibrationCurve(string name)
    {
        var (fit, expected) = Load(name);
        var curve = expected.GetProperty("curve");

        Close(Doubles(curve.GetProperty("probTrue")), fit.Curve.Select(b => b.FractionPositive), "prob_true");
        Close(Doubles(curve.GetProperty("probPred")), fit.Curve.Select(b => b.MeanPredicted), "prob_pred");
        Assert.Equal(curve.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()), fit.Curve.Select(b => b.Count));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Isotonic_Fixture_MatchesThresholds(string name)
    {
        var (fit, expected) = Load(name);
        var isotonic = expected.GetProperty("isotonic");

        Close(Doubles(isotonic.GetProperty("x")), fit.Isotonic.X, "X_thresholds_");
        Close(Doubles(isotonic.GetProperty("y")), fit.Isotonic.Y, "y_thresholds_");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BrierEceTau_Fixture_MatchReference(string name)
    {
        var (fit, expected) = Load(name);

        Close([expected.GetProperty("brier").GetProperty("raw").GetDouble(), expected.GetProperty("brier").GetProperty("calibrated").GetDouble()],
            [fit.BrierRaw, fit.BrierCalibrated], "brier");
        Close([expected.GetProperty("ece").GetProperty("raw").GetDouble(), expected.GetProperty("ece").GetProperty("calibrated").GetDouble()],
            [fit.EceRaw, fit.EceCalibrated], "ece");
        var tau = expected.GetProperty("tau");
        Close([tau.GetProperty("value").GetDouble(), tau.GetProperty("meanResultsPerQuery").GetDouble()], [fit.Tau.Value, fit.Tau.MeanResultsPerQuery], "tau");
        Assert.Equal(expected.GetProperty("n").GetInt32(), fit.N);
        Assert.Equal(expected.GetProperty("queries").GetInt32(), fit.Queries);
    }

    [Fact]
    public void Fixtures_HitBinEdges()
    {
        // The edge case the curve must get right: scores exactly on inner edges belong to the bin below.
        var (fit, _) = Load("edges");
        Assert.Contains(fit.Curve, b => b.Upper == 0.30000000000000004 && b.MeanPredicted == 0.3);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Histogram_BatchesMergedAsADayKeepsThem_GiveTheSameFitAsTheRawImpressions(string name)
    {
        var (raw, expected) = Load(name);
        using var reader = new StreamReader(Path.Combine(Folder, name + ".csv"));
        var table = ImpressionTable.ReadCsv(reader, name + ".csv");
        var scores = table.Scores.ToArray();
        var clicked = table.Clicked.ToArray();
        // Three uneven batches, as services would send them through the day.
        var cuts = new[] { 0, scores.Length / 5, scores.Length / 2, scores.Length };
        var day = ScoreHistogram.Merge(Enumerable.Range(0, 3).SelectMany(b =>
            ScoreHistogram.From(scores.AsSpan(cuts[b], cuts[b + 1] - cuts[b]), clicked.AsSpan(cuts[b], cuts[b + 1] - cuts[b]))));

        var fit = CalibrationFit.Compute(day, raw.Queries, expected.GetProperty("bins").GetInt32(), raw.Strategy, raw.Tau.Target);

        Close([.. raw.Curve.Select(b => b.FractionPositive)], fit.Curve.Select(b => b.FractionPositive), "prob_true");
        Close([.. raw.Curve.Select(b => b.MeanPredicted)], fit.Curve.Select(b => b.MeanPredicted), "prob_pred");
        Close([.. raw.Isotonic.Y], fit.Isotonic.Y, "y_thresholds_");
        Close([raw.BrierRaw, raw.BrierCalibrated, raw.EceRaw, raw.EceCalibrated, raw.Tau.Value], [fit.BrierRaw, fit.BrierCalibrated, fit.EceRaw, fit.EceCalibrated, fit.Tau.Value], "figures");
    }
}
