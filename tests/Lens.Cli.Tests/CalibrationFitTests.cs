using System.Text.Json.Nodes;

namespace Lens.Cli.Tests;

/// <summary><c>lens calibration fit</c> in process. The expected numbers are scikit-learn 1.2's on the same seven
/// impressions (Lens.Core.Tests/Calibration/Fixtures/tiny.*, made by make_calibration_fixtures.py there).</summary>
public sealed class CalibrationFitTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-calibration-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Csv(string content)
    {
        var path = Path.Combine(_folder.FullName, "impressions.csv");
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private const string Tiny = "query,score,clicked\n1,0.9,0\n1,0.8,0\n1,0.7,1\n2,0.6,0\n2,0.5,1\n2,0.4,1\n3,0.3,0\n";

    [Fact]
    public void Fit_Json_PrintsTheFiguresScikitLearnGives()
    {
        var (exit, output, error) = Run("calibration", "fit", "--input", Csv(Tiny), "--bins", "3", "--target", "1", "--format", "json");

        Assert.True(exit == 0, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal((7, 3), ((int)json["n"]!, (int)json["queries"]!));
        Assert.Equal("uniform", (string?)json["curve"]!["strategy"]);
        var bins = json["curve"]!["bins"]!.AsArray();
        Assert.Equal([1, 3, 3], bins.Select(b => (int)b!["count"]!));
        Assert.Equal([0.0, 0.6666666666666666, 0.3333333333333333], bins.Select(b => (double)b!["fractionPositive"]!));
        Assert.Equal(0.8000000000000002, (double)bins[2]!["meanPredicted"]!, 12);
        Assert.Equal([0.3, 0.4, 0.9], json["isotonic"]!["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([0.0, 0.5, 0.5], json["isotonic"]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(0.37142857142857144, (double)json["brier"]!["raw"]!, 12);
        Assert.Equal(0.21428571428571427, (double)json["brier"]!["calibrated"]!, 12);
        Assert.Equal(0.31428571428571433, (double)json["ece"]!["raw"]!, 12);
        Assert.Equal((0.5, 2.0), ((double)json["tau"]!["value"]!, (double)json["tau"]!["meanResultsPerQuery"]!));
    }

    [Fact]
    public void Fit_Text_SaysWhatItFound()
    {
        var (exit, output, _) = Run("calibration", "fit", "--input", Csv(Tiny), "--bins", "3", "--target", "1");

        Assert.Equal(0, exit);
        Assert.Contains("7 impressions over 3 queries; 3 non-empty uniform bins", output);
        Assert.Contains("τ      0.500000: 2 results per query at or above it (target 1)", output);
    }

    [Theory]
    [InlineData("query,score,clicked\n1,0.5,1\n2,0.7,yes\n", "impressions.csv:3: clicked must be 0 or 1, got 'yes'.")]
    [InlineData("query,score,clicked\n1,1.5,1\n", "impressions.csv:2: the score must be a number between 0 and 1, got '1.5'.")]
    [InlineData("query;score;clicked\n", "impressions.csv:1: the first line must be the header query,score,clicked.")]
    [InlineData("query,score,clicked\n1,0.5\n", "impressions.csv:2: expected query,score,clicked, got '1,0.5'.")]
    public void Fit_MalformedLine_NamesTheFileAndLineAndExits2(string content, string message)
    {
        var (exit, output, error) = Run("calibration", "fit", "--input", Csv(content));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"lens calibration fit: {message}", error.Trim());
    }
}
