using System.CommandLine;
using System.Globalization;
using Lens.Core.Statistics;

namespace Lens.Cli.Monitor;

/// <summary><c>lens monitor cusum</c>: replays a series through the tabular CUSUM so on-call can tune k and h on exported history.</summary>
public static class CusumCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV file with a header row", Required = true };
        var column = new Option<string?>("--column") { Description = "the column to read (needed when there are several)" };
        var target = new Option<double>("--target") { Description = "in-control mean μ0", Required = true };
        var sigma = new Option<double>("--sigma") { Description = "in-control standard deviation σ", Required = true };
        var k = new Option<double>("--k") { Description = "allowance in units of σ (K = kσ)", DefaultValueFactory = _ => 0.5 };
        var h = new Option<double>("--h") { Description = "decision interval in units of σ (H = hσ)", DefaultValueFactory = _ => 5 };

        var command = new Command("cusum", "Replay a series through the two-sided tabular CUSUM and print C+, C- and alarms.")
        {
            input, column, target, sigma, k, h,
        };
        command.SetAction(parse =>
        {
            try
            {
                var parameters = new CusumParameters(parse.GetValue(target), parse.GetValue(sigma), parse.GetValue(k), parse.GetValue(h));
                if (parameters.Problems() is { Count: > 0 } problems) throw new CliException(string.Join("; ", problems) + ".");
                var series = SeriesFile.Read(parse.GetValue(input)!.FullName, parse.GetValue(column));
                Print(stdout, parameters, series);
                return 0;
            }
            catch (CliException ex)
            {
                stderr.WriteLine($"lens monitor cusum: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>Replays the series as the dashboard's detector ran it: a reset zeroes the sums and keeps the count.</summary>
    private static void Print(TextWriter output, CusumParameters p, IReadOnlyList<double?> series)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"# tabular CUSUM: mu0={p.Target} sigma={p.Sigma} k={p.K} h={p.H} (K={p.Allowance}, H={p.DecisionInterval})"));
        output.WriteLine("i\tx\tC+\tC-\tN+\tN-\talarm");
        var detector = new CusumDetector(p);
        var steps = new List<CusumStep>(series.Count);
        foreach (var value in series)
        {
            if (value is not { } x)
            {
                detector.Reset();
                output.WriteLine(string.Create(c, $"# reset after i={steps.Count}: C+ and C- start again from 0"));
                continue;
            }
            var s = detector.Add(x);
            steps.Add(s);
            var alarm = s.AlarmHigh && s.AlarmLow ? "HIGH+LOW" : s.AlarmHigh ? "HIGH" : s.AlarmLow ? "LOW" : "";
            output.WriteLine(string.Create(c, $"{s.Index}\t{s.Value}\t{s.CPlus:F4}\t{s.CMinus:F4}\t{s.NPlus}\t{s.NMinus}\t{alarm}"));
        }
        var alarms = steps.Where(s => s.Alarm).ToList();
        output.WriteLine(alarms.Count == 0
            ? $"# {steps.Count} observations, no alarm"
            : $"# {steps.Count} observations, {alarms.Count} in alarm, first at i={alarms[0].Index}");
    }
}
