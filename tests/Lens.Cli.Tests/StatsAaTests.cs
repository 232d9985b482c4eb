using System.Text.Json.Nodes;

namespace Lens.Cli.Tests;

public sealed class StatsAaTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Aa_Json_SequentialStaysNearAlphaWhileNaiveLookingDoesNot()
    {
        var (exit, output, error) = Run("stats", "aa", "--runs", "2000", "--looks", "50", "--alpha", "0.05", "--seed", "9", "--format", "json");

        Assert.True(exit == 0, error);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["sequentialFalsePositiveRate", "naiveFalsePositiveRate"], json.Select(p => p.Key));
        Assert.InRange((double)json["sequentialFalsePositiveRate"]!, 0, 0.06);
        Assert.InRange((double)json["naiveFalsePositiveRate"]!, 0.1, 1);
    }

    [Fact]
    public void Aa_SameSeed_PrintsTheSameRates()
    {
        string[] args = ["stats", "aa", "--runs", "300", "--looks", "20", "--seed", "5", "--format", "json"];

        Assert.Equal(Run(args).Out, Run(args).Out);
    }

    [Fact]
    public void Aa_Text_NamesBothTests()
    {
        var (exit, output, _) = Run("stats", "aa", "--runs", "200", "--looks", "10");

        Assert.Equal(0, exit);
        Assert.Contains("200 A/A runs, 10 looks each after 200 trials per arm", output);
        var lines = output.Split('\n');
        Assert.Matches(@"^  sequential test \(mSPRT, tau 0\.01\): +false-positive rate 0\.\d{4}$", lines[1]);
        Assert.Matches(@"^  naive z-test at every look: +false-positive rate 0\.\d{4}$", lines[2]);
        Assert.Equal(lines[1].IndexOf("false-positive", StringComparison.Ordinal), lines[2].IndexOf("false-positive", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--runs", "0", "runs must be between")]
    [InlineData("--looks", "0", "looks must be between")]
    [InlineData("--alpha", "1.5", "alpha must be strictly between 0 and 1")]
    [InlineData("--rate", "0", "the rate must be strictly between 0 and 1")]
    public void Aa_BadSetting_Exits2WithOneLine(string option, string value, string expected)
    {
        var (exit, _, error) = Run("stats", "aa", option, value);

        Assert.Equal(2, exit);
        Assert.StartsWith("lens stats aa: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
