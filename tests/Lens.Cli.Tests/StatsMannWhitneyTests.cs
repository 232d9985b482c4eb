using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Cli.Tests;

/// <summary>
/// <c>lens stats mannwhitney</c> in process against SciPy 1.10's mannwhitneyu and brute-force effect sizes
/// (Lens.Core.Tests/Statistics/Fixtures/mannwhitney.json, made by make_stats_fixtures.py there).
/// </summary>
public sealed class StatsMannWhitneyTests : IDisposable
{
    private static readonly Dictionary<string, JsonElement> Cases = JsonDocument
        .Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mannwhitney.json"))).RootElement
        .GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("note").GetString()!);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lens-stats-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string Numbers(string name, JsonElement values) =>
        Write(name, string.Join("\n", values.EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture))) + "\n");

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string, string> CasesAndAlternatives()
    {
        var data = new TheoryData<string, string>();
        foreach (var note in Cases.Keys)
            foreach (var alternative in new[] { "two-sided", "greater", "less" }) data.Add(note, alternative);
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndAlternatives))]
    public void MannWhitney_Json_PrintsWhatSciPyAndBruteForceGive(string note, string alternative)
    {
        var c = Cases[note];
        var confidence = c.GetProperty("confidence").GetDouble().ToString("R", CultureInfo.InvariantCulture);

        var (exit, output, error) = Run("stats", "mannwhitney", "--baseline", Numbers("baseline.txt", c.GetProperty("baseline")),
            "--candidate", Numbers("candidate.txt", c.GetProperty("candidate")), "--alternative", alternative, "--confidence", confidence, "--format", "json");

        Assert.True(exit == 0, error);
        var json = JsonNode.Parse(output)!;
        var expected = c.GetProperty(alternative);
        Assert.Equal(expected.GetProperty("u").GetDouble(), (double)json["u"]!);
        var p = expected.GetProperty("p").GetDouble();
        Assert.True(Math.Abs((double)json["p"]! - p) <= 1e-9, $"p: SciPy {p:R}, lens {(double)json["p"]!:R}");
        Assert.Equal(c.GetProperty("baseline").GetArrayLength(), (int)json["nBaseline"]!);
        Assert.Equal(c.GetProperty("candidate").GetArrayLength(), (int)json["nCandidate"]!);
        var effect = json["effect"]!;
        Assert.Equal(c.GetProperty("commonLanguageEffectSize").GetDouble(), (double)effect["commonLanguageEffectSize"]!, 1e-12);
        Assert.Equal(c.GetProperty("hodgesLehmannShift").GetDouble(), (double)effect["hodgesLehmannShift"]!);
        Assert.Equal(c.GetProperty("hodgesLehmannLower").GetDouble(), (double)effect["hodgesLehmannInterval"]!["lower"]!);
        Assert.Equal(c.GetProperty("hodgesLehmannUpper").GetDouble(), (double)effect["hodgesLehmannInterval"]!["upper"]!);
        Assert.Equal(c.GetProperty("confidence").GetDouble(), (double)effect["hodgesLehmannInterval"]!["confidence"]!);
    }

    [Fact]
    public void MannWhitney_Text_SaysWhatItFound()
    {
        var (exit, output, _) = Run("stats", "mannwhitney", "--baseline", Write("b.txt", "1\n2\n3\n\n4\n"), "--candidate", Write("c.txt", "2.5\n4\n6\n"));

        Assert.Equal(0, exit);
        // SciPy: mannwhitneyu([2.5, 4, 6], [1, 2, 3, 4], method="asymptotic") gives U = 9.5, p = 0.2845026979112075.
        Assert.Contains("U (candidate) = 9.5   p = 0.284503", output);
        Assert.Contains("n baseline 4, n candidate 3", output);
        Assert.Contains("Hodges-Lehmann shift (candidate - baseline) = 1.75   95% interval [-1.5, 5]", output);
    }

    [Theory]
    [InlineData("1\n2\nabc\n", 3, "abc")]
    [InlineData("1\n\n2,5\n", 3, "2,5")]
    [InlineData("NaN\n", 1, "NaN")]
    [InlineData("1e999\n", 1, "1e999")]
    public void MannWhitney_MalformedLine_NamesFileAndLineAndExits2(string content, int line, string text)
    {
        var bad = Write("bad.txt", content);

        var (exit, output, error) = Run("stats", "mannwhitney", "--baseline", Write("ok.txt", "1\n2\n"), "--candidate", bad);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"lens stats mannwhitney: {bad}:{line}: '{text}' is not a finite number.", error.Trim());
    }

    [Fact]
    public void MannWhitney_EmptyOrMissingFile_Exits2WithOneLine()
    {
        var empty = Write("empty.txt", "\n\n");
        var missing = Path.Combine(_folder.FullName, "missing.txt");

        var (exit, _, error) = Run("stats", "mannwhitney", "--baseline", empty, "--candidate", empty);
        var (exitMissing, _, errorMissing) = Run("stats", "mannwhitney", "--baseline", missing, "--candidate", empty);

        Assert.Equal((2, 2), (exit, exitMissing));
        Assert.Equal($"lens stats mannwhitney: {empty}: holds no numbers (expected one per line).", error.Trim());
        Assert.Equal($"lens stats mannwhitney: {missing}: no such file.", errorMissing.Trim());
    }

    [Fact]
    public void MannWhitney_UnknownAlternative_IsRefused()
    {
        var (exit, _, error) = Run("stats", "mannwhitney", "--baseline", Write("b.txt", "1\n"), "--candidate", Write("c.txt", "2\n"), "--alternative", "bigger");

        Assert.NotEqual(0, exit);
        Assert.Contains("bigger", error);
    }
}
