using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lens.Core.Statistics;

namespace Lens.Cli.Stats;

/// <summary>
/// <c>lens stats mannwhitney</c>: the Mann-Whitney U test of a candidate sample against a baseline sample, as SciPy's
/// <c>mannwhitneyu(candidate, baseline, method="asymptotic")</c>, with the common-language effect size and the
/// Hodges–Lehmann shift and its interval (checked against SciPy and brute force in the tests).
/// </summary>
public static class MannWhitneyCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var baseline = new Option<FileInfo>("--baseline") { Description = "the baseline's values, one number per line", Required = true };
        var candidate = new Option<FileInfo>("--candidate") { Description = "the candidate's values, one number per line", Required = true };
        var alternative = new Option<string>("--alternative")
        {
            Description = "two-sided, greater (candidate values tend to be larger) or less", DefaultValueFactory = _ => "two-sided",
        };
        alternative.AcceptOnlyFromAmong("two-sided", "greater", "less");
        var confidence = new Option<double>("--confidence") { Description = "of the Hodges-Lehmann interval (default 0.95)", DefaultValueFactory = _ => MannWhitneyTest.DefaultConfidence };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("mannwhitney", "Mann-Whitney U test of candidate against baseline, with effect sizes.") { baseline, candidate, alternative, confidence, format };
        command.SetAction(parse => CliRun.Guard(stderr, "lens stats mannwhitney", () =>
        {
            if (parse.GetValue(confidence) is not (> 0 and < 1)) throw new CliException("--confidence must be a fraction strictly between 0 and 1, such as 0.95.");
            var baselineValues = SampleFile.Read(parse.GetValue(baseline)!);
            var candidateValues = SampleFile.Read(parse.GetValue(candidate)!);
            var result = MannWhitneyTest.Compare(baselineValues, candidateValues, ParseAlternative(parse.GetValue(alternative)!), parse.GetValue(confidence));
            stdout.Write(parse.GetValue(format) == "json" ? AsJson(result) : AsText(result));
            return Task.CompletedTask;
        }));
        return command;
    }

    public static MannWhitneyAlternative ParseAlternative(string text) => text switch
    {
        "greater" => MannWhitneyAlternative.Greater,
        "less" => MannWhitneyAlternative.Less,
        _ => MannWhitneyAlternative.TwoSided,
    };

    public static string AsJson(MannWhitneyResult result) => JsonSerializer.Serialize(new
    {
        u = result.U,
        p = result.P,
        nBaseline = result.NBaseline,
        nCandidate = result.NCandidate,
        effect = new
        {
            commonLanguageEffectSize = result.CommonLanguageEffectSize,
            hodgesLehmannShift = result.HodgesLehmannShift,
            hodgesLehmannInterval = new
            {
                lower = result.HodgesLehmannInterval.Lower,
                upper = result.HodgesLehmannInterval.Upper,
                confidence = result.HodgesLehmannInterval.Confidence,
            },
        },
    }, Json) + "\n";

    public static string AsText(MannWhitneyResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var side = result.Alternative switch
        {
            MannWhitneyAlternative.Greater => "greater: candidate values tend to be larger",
            MannWhitneyAlternative.Less => "less: candidate values tend to be smaller",
            _ => "two-sided",
        };
        var interval = result.HodgesLehmannInterval;
        return string.Create(c, $"""
            Mann-Whitney U, candidate against baseline ({side})
              n baseline {result.NBaseline}, n candidate {result.NCandidate}
              U (candidate) = {result.U}   p = {result.P:G6}
              P(candidate > baseline), ties counted half = {result.CommonLanguageEffectSize:0.0000}
              Hodges-Lehmann shift (candidate - baseline) = {result.HodgesLehmannShift:G6}   {interval.Confidence:0.##%} interval [{interval.Lower:G6}, {interval.Upper:G6}]

            """);
    }
}
