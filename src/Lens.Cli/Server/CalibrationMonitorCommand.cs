using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Cli.Server;

/// <summary>
/// <c>lens monitor calibration</c>: the server's calibration now, per flag: what services are told (τ, map, fallback),
/// today's live figures, the drift verdict of the last closed day, and the τ history.
/// </summary>
public static class CalibrationMonitorCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Uri, DashboardClient> connect)
    {
        var server = KillSwitchCommand.ServerOption();
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("calibration", "Print the server's calibration: published τ and map, LTR fallback, today's figures, drift and τ history.") { format, server };
        command.SetAction(parse => CliRun.Guard(stderr, "lens monitor calibration", async () =>
        {
            using var client = connect(DashboardClient.Resolve(parse.GetValue(server)));
            var today = (await client.GetAsync("/api/calibration")).AsArray();
            var flags = (await client.GetAsync("/api/calibration/status")).AsArray();
            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(new JsonObject { ["today"] = today.DeepClone(), ["flags"] = flags.DeepClone() }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return;
            }
            stdout.Write(AsText(today, flags));
        }));
        return command;
    }

    private static string AsText(JsonArray today, JsonArray flags)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        if (flags.Count == 0)
        {
            text.WriteLine("No calibration yet: no flag has reported impressions.");
            return text.ToString();
        }
        foreach (var flag in flags)
        {
            var key = (string?)flag!["flag"];
            text.WriteLine(key);
            var parameters = flag["parameters"]!;
            var tau = (double?)parameters["tau"];
            var map = parameters["calibration"]?["x"]?.AsArray().Count;
            text.WriteLine($"  published  {(tau is { } t ? $"τ {N(t)}" : "no τ yet")}{(map is { } m ? $", isotonic map of {m} points" : "")}, " +
                           $"{((bool?)parameters["ltrFallback"] == true ? "LTR FALLBACK ON" : "LTR fallback off")}");
            foreach (var v in today.Where(v => (string?)v!["flag"] == key))
                text.WriteLine($"  today      {(string?)v!["variant"],-9} {(long?)v["impressions"]:N0} impressions, {(long?)v["queries"]:N0} queries; " +
                               $"ECE {F(v["eceRaw"])} → {F(v["eceCalibrated"])}, Brier {F(v["brierRaw"])} → {F(v["brierCalibrated"])}; " +
                               $"τ {N((double)v["tau"]!)} lets {(double)v["resultsPerQueryAtTau"]!:0.00} results per query through");
            var latest = flag["latestDay"];
            text.WriteLine(latest is null
                ? "  drift      not judged yet (no closed day)"
                : $"  drift      {(string?)latest["day"]}: {(string?)latest["drift"]}{((double?)latest["driftSigma"] is { } s ? $" ({s.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)}σ)" : "")}");
            var history = flag["history"]!.AsArray();
            if (history.Count == 0) text.WriteLine("  τ history  none yet");
            foreach (var h in history.Take(5))
                text.WriteLine($"  τ history  {(string?)h!["day"]} {(string?)h["source"],-8} {(string?)h["status"],-8} τ {N((double)h["tau"]!)}: {(string?)h["reason"]}");
        }
        return text.ToString();
    }

    private static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string F(JsonNode? v) => v is null ? "–" : ((double)v).ToString("0.0000", CultureInfo.InvariantCulture);
}
