using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lens.Core.Statistics;

namespace Lens.Cli.Stats;

/// <summary>
/// <c>lens stats aa</c>: simulates A/A experiments looked at after every batch and prints how often the sequential rate
/// test and the naive z-test (checked at every look) raise a false alarm.
/// </summary>
public static class AaSimulationCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var runs = new Option<int>("--runs") { Description = "A/A experiments to simulate (default 2000)", DefaultValueFactory = _ => 2000 };
        var looks = new Option<int>("--looks") { Description = "looks per experiment, one after each batch (default 50)", DefaultValueFactory = _ => 50 };
        var alpha = new Option<double>("--alpha") { Description = "significance level (default 0.05)", DefaultValueFactory = _ => 0.05 };
        var seed = new Option<int>("--seed") { Description = "random seed (default 1)", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "trials per arm between looks (default 200)", DefaultValueFactory = _ => 200 };
        var rate = new Option<double>("--rate") { Description = "the true rate of both arms (default 0.05)", DefaultValueFactory = _ => 0.05 };
        var tau = new Option<double>("--tau") { Description = "mixing standard deviation of the sequential test (default 0.01)", DefaultValueFactory = _ => SequentialRateTest.DefaultMixingStandardDeviation };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("aa", "Simulate A/A experiments: false-positive rates of the sequential test and of a naive z-test at every look.")
        {
            runs, looks, alpha, seed, batch, rate, tau, format,
        };
        command.SetAction(parse => CliRun.Guard(stderr, "lens stats aa", () =>
        {
            var settings = new AaSimulationSettings(parse.GetValue(runs), parse.GetValue(looks), parse.GetValue(batch), parse.GetValue(rate),
                parse.GetValue(alpha), parse.GetValue(seed), parse.GetValue(tau));
            if (settings.Problems() is { Count: > 0 } problems) throw new CliException(string.Join("; ", problems) + ".");
            var result = AaSimulation.Run(settings);
            stdout.Write(parse.GetValue(format) == "json"
                ? JsonSerializer.Serialize(new { sequentialFalsePositiveRate = result.SequentialFalsePositiveRate, naiveFalsePositiveRate = result.NaiveFalsePositiveRate }, Json) + "\n"
                : string.Create(CultureInfo.InvariantCulture, $"""
                    {settings.Runs} A/A runs, {settings.Looks} looks each after {settings.BatchPerArm} trials per arm, true rate {settings.Rate}, alpha {settings.Alpha}, seed {settings.Seed}
                      {"sequential test (mSPRT, tau " + settings.MixingStandardDeviation.ToString(CultureInfo.InvariantCulture) + "):",-40} false-positive rate {result.SequentialFalsePositiveRate:0.0000}
                      {"naive z-test at every look:",-40} false-positive rate {result.NaiveFalsePositiveRate:0.0000}

                    """));
            return Task.CompletedTask;
        }));
        return command;
    }
}
