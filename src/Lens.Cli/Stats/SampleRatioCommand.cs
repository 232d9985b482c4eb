using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lens.Core.Statistics;

namespace Lens.Cli.Stats;

/// <summary>
/// <c>lens stats srm</c>: the sample-ratio check the dashboard runs on every window (<see cref="SampleRatioCheck"/>, a
/// chi-square test against the intended split), for counts typed in by hand.
/// </summary>
public static class SampleRatioCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var baseline = new Option<long>("--baseline") { Description = "requests the baseline served", Required = true };
        var candidate = new Option<long>("--candidate") { Description = "requests the candidate served", Required = true };
        var share = new Option<decimal>("--share") { Description = "the candidate's intended share as a fraction (0.05 for 5%)", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "mismatch threshold (default 0.001)", DefaultValueFactory = _ => SampleRatioCheck.DefaultAlpha };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("srm", "Sample-ratio mismatch: chi-square test of served counts against the intended split.") { baseline, candidate, share, alpha, format };
        command.SetAction(parse => CliRun.Guard(stderr, "lens stats srm", () =>
        {
            var (b, c, s, a) = (parse.GetValue(baseline), parse.GetValue(candidate), parse.GetValue(share), parse.GetValue(alpha));
            if (b < 0 || c < 0) throw new CliException("request counts cannot be negative.");
            if (s is <= 0 or >= 1) throw new CliException("--share is the candidate's intended share as a fraction strictly between 0 and 1 (0.05 for 5%).");
            if (a is not (> 0 and < 1)) throw new CliException("--alpha must be strictly between 0 and 1.");
            var result = SampleRatioCheck.Judge(b, c, s * 100, a) ?? throw new CliException("there are no requests to test.");
            stdout.Write(parse.GetValue(format) == "json"
                ? JsonSerializer.Serialize(new { chi2 = result.ChiSquare, p = result.P }, Json) + "\n"
                : string.Create(CultureInfo.InvariantCulture,
                    $"chi2 = {result.ChiSquare:G6}, p = {result.P:G6}: candidate served {result.ServedShare:0.####%} against {result.IntendedShare:0.####%} intended; {(result.Mismatch ? "MISMATCH" : "no mismatch")} at alpha = {result.Alpha}\n"));
            return Task.CompletedTask;
        }));
        return command;
    }
}
