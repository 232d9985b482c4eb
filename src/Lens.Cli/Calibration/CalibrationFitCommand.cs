using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lens.Core.Calibration;

namespace Lens.Cli.Calibration;

/// <summary>
/// <c>lens calibration fit</c>: the reliability curve, isotonic map, Brier, ECE and τ of a file of impressions, with
/// scikit-learn's definitions (checked against it in the tests).
/// </summary>
public static class CalibrationFitCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with a header line: query,score,clicked (clicked is 0 or 1)", Required = true };
        var bins = new Option<int>("--bins") { Description = "reliability bins (default 10)", DefaultValueFactory = _ => CalibrationFit.DefaultBins };
        var strategy = new Option<string>("--strategy") { Description = "uniform (equal widths) or quantile (equal counts)", DefaultValueFactory = _ => "uniform" };
        strategy.AcceptOnlyFromAmong("uniform", "quantile");
        var target = new Option<double>("--target") { Description = "results per query τ aims at (default 5)", DefaultValueFactory = _ => CalibrationFit.DefaultTarget };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("fit", "Fit the calibration of a file of impressions: curve, isotonic map, Brier and ECE, τ.") { input, bins, strategy, target, format };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(input)!;
            try
            {
                if (parse.GetValue(bins) is < 1 or > 1000) throw new CliException("--bins must be between 1 and 1000.");
                if (parse.GetValue(target) is not (> 0 and < 1e6)) throw new CliException("--target must be a positive number of results per query.");
                if (!file.Exists) throw new CliException($"{file.FullName} does not exist.");
                ImpressionTable table;
                using (var reader = new StreamReader(file.FullName, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 20 }))
                    table = ImpressionTable.ReadCsv(reader, file.Name);
                if (table.Count == 0) throw new CliException($"{file.Name} holds no impressions.");
                var fit = CalibrationFit.Compute(table.Queries, table.Scores, table.Clicked, parse.GetValue(bins),
                    parse.GetValue(strategy) == "quantile" ? BinStrategy.Quantile : BinStrategy.Uniform, parse.GetValue(target));
                stdout.Write(parse.GetValue(format) == "json" ? AsJson(fit) : AsText(fit));
                return 0;
            }
            catch (Exception ex) when (ex is CliException or FormatException or IOException)
            {
                stderr.WriteLine($"lens calibration fit: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    public static string AsJson(CalibrationFit fit) => JsonSerializer.Serialize(new
    {
        n = fit.N,
        queries = fit.Queries,
        curve = new
        {
            strategy = fit.Strategy.ToString().ToLowerInvariant(),
            bins = fit.Curve.Select(b => new { lower = b.Lower, upper = b.Upper, count = b.Count, meanPredicted = b.MeanPredicted, fractionPositive = b.FractionPositive }),
        },
        isotonic = new { x = fit.Isotonic.X, y = fit.Isotonic.Y },
        brier = new { raw = fit.BrierRaw, calibrated = fit.BrierCalibrated },
        ece = new { raw = fit.EceRaw, calibrated = fit.EceCalibrated },
        tau = new { target = fit.Tau.Target, value = fit.Tau.Value, meanResultsPerQuery = fit.Tau.MeanResultsPerQuery },
    }, Json) + "\n";

    public static string AsText(CalibrationFit fit)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"{fit.N} impressions over {fit.Queries} queries; {fit.Curve.Count} non-empty {fit.Strategy.ToString().ToLowerInvariant()} bins\n\n");
        text.Append("  bin              count   mean score   click rate   95% interval\n");
        foreach (var b in fit.Curve)
            text.Append(c, $"  {b.Lower,6:0.000}–{b.Upper,-6:0.000}  {b.Count,9}   {b.MeanPredicted,10:0.0000}   {b.FractionPositive,10:0.0000}   {b.WilsonLower:0.0000}–{b.WilsonUpper:0.0000}\n");
        text.Append(c, $"\nBrier  raw {fit.BrierRaw:0.000000}  calibrated {fit.BrierCalibrated:0.000000}\n");
        text.Append(c, $"ECE    raw {fit.EceRaw:0.000000}  calibrated {fit.EceCalibrated:0.000000}\n");
        text.Append(c, $"τ      {fit.Tau.Value:0.000000}: {fit.Tau.MeanResultsPerQuery:0.###} results per query at or above it (target {fit.Tau.Target:0.###})\n");
        text.Append(c, $"isotonic map: {fit.Isotonic.X.Count} thresholds\n");
        return text.ToString();
    }
}
