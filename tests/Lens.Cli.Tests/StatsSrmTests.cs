using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Cli.Tests;

/// <summary>
/// <c>lens stats srm</c> in process against SciPy 1.10's chisquare on the two-arm cases of
/// Lens.Core.Tests/Statistics/Fixtures/chisquare.json (made by make_chisquare.py there).
/// </summary>
public sealed class StatsSrmTests
{
    private static readonly Dictionary<string, JsonElement> TwoArmCases = JsonDocument
        .Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "chisquare.json"))).RootElement
        .GetProperty("cases").EnumerateArray()
        .Where(c => c.GetProperty("observed").GetArrayLength() == 2)
        .ToDictionary(c => c.GetProperty("note").GetString()!);

    public static TheoryData<string> Notes() => new(TwoArmCases.Keys);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    // Relative to SciPy's value, with an absolute floor for values at or near zero.
    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected) || Math.Abs(expected - actual) < 1e-300,
            $"{what}: SciPy {expected:R}, lens {actual:R}");

    [Theory]
    [MemberData(nameof(Notes))]
    public void Srm_Json_PrintsSciPysChiSquareAndP(string note)
    {
        var c = TwoArmCases[note];
        var observed = c.GetProperty("observed").EnumerateArray().Select(o => o.GetInt64()).ToArray();
        var share = c.GetProperty("shares")[1].GetDouble();

        var (exit, output, error) = Run("stats", "srm", "--baseline", observed[0].ToString(CultureInfo.InvariantCulture),
            "--candidate", observed[1].ToString(CultureInfo.InvariantCulture), "--share", share.ToString("R", CultureInfo.InvariantCulture), "--format", "json");

        Assert.True(exit == 0, error);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["chi2", "p"], json.Select(p => p.Key));
        AssertClose(c.GetProperty("chi2").GetDouble(), (double)json["chi2"]!, "chi2");
        AssertClose(c.GetProperty("p").GetDouble(), (double)json["p"]!, "p");
    }

    [Fact]
    public void Srm_ReferenceSet_HasTwoArmCasesFromTinyToTenMillion()
    {
        Assert.True(TwoArmCases.Count >= 20);
        Assert.Contains(TwoArmCases.Values, c => c.GetProperty("observed").EnumerateArray().Sum(o => o.GetInt64()) >= 10_000_000);
        Assert.Contains(TwoArmCases.Values, c => c.GetProperty("p").GetDouble() < 1e-100);
    }

    [Fact]
    public void Srm_Text_SaysWhetherTheSplitIsOff()
    {
        var (exit, output, _) = Run("stats", "srm", "--baseline", "9000", "--candidate", "1000", "--share", "0.05");

        Assert.Equal(0, exit);
        Assert.StartsWith("chi2 = 526.316, p = 1.78844E-116: candidate served 10% against 5% intended; MISMATCH", output);
    }

    [Theory]
    [InlineData("5", "share")]
    [InlineData("0", "share")]
    [InlineData("-0.1", "share")]
    public void Srm_ShareNotAFraction_Exits2(string share, string expected)
    {
        var (exit, _, error) = Run("stats", "srm", "--baseline", "10", "--candidate", "1", "--share", share);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Srm_NoRequests_Exits2()
    {
        var (exit, _, error) = Run("stats", "srm", "--baseline", "0", "--candidate", "0", "--share", "0.5");

        Assert.Equal(2, exit);
        Assert.Equal("lens stats srm: there are no requests to test.", error.Trim());
    }
}
